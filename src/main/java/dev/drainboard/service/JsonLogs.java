package dev.drainboard.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Replaces the text console appender of {@code logback.xml} with one JSON object per line on
 * stderr (logstash-logback-encoder: {@code @timestamp}, {@code level}, {@code logger_name},
 * {@code thread_name}, {@code message}, {@code stack_trace}). The events are the same as in the
 * text format, so the same rule holds: no message bodies, field values or secrets. MDC is not
 * included (Drainboard sets none) and caller data is off.
 */
public final class JsonLogs {
    static final String APPENDER = "STDERR";

    private JsonLogs() {
    }

    /** Switches the console log to JSON at {@code level} and above; returns false without Logback. */
    public static synchronized boolean install(Level level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return false;
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(APPENDER);
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(ctx);
        encoder.setIncludeMdc(false);
        encoder.setIncludeCallerData(false);
        encoder.setIncludeContext(false);
        encoder.start();
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(level.levelStr);
        threshold.start();
        ConsoleAppender<ILoggingEvent> app = new ConsoleAppender<>();
        app.setContext(ctx);
        app.setName(APPENDER);
        app.setTarget("System.err");
        app.setEncoder(encoder);
        app.addFilter(threshold);
        app.start();
        root.addAppender(app);
        return true;
    }
}
