package dev.drainboard.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the process while open, with Drainboard's own loggers turned up to
 * DEBUG, so a privacy test can search all that was logged. Closing restores the levels.
 */
public final class CapturedLogs implements AutoCloseable {
    private final Logger root;
    private final Logger ours;
    private final Level before;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ours = ctx.getLogger("dev.drainboard");
        before = ours.getLevel();
        appender.setContext(ctx);
        appender.start();
        root.addAppender(appender);
        ours.setLevel(Level.DEBUG);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** Each event's formatted message and, when it carries one, its exception's message. */
    public List<String> texts() {
        List<String> all = new ArrayList<>();
        for (ILoggingEvent e : events()) {
            all.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                all.add(e.getThrowableProxy().getMessage());
            }
        }
        return all;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        ours.setLevel(before);
    }
}
