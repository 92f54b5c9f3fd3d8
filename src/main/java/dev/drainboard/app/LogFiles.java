package dev.drainboard.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.drainboard.config.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.LoggerFactory;

/**
 * Adds a rolling log file in {@code <data-dir>/logs} (10 MB a file, 5 files kept), so an operator
 * can look back at what a drain did. Same content rules as the console log: no message bodies,
 * no field values, no secrets.
 */
final class LogFiles {
    static final String APPENDER = "drainboard-file";

    private LogFiles() {
    }

    /** The log can name queues, counts and errors: owner-only like the rest of the data folder. */
    private static void ownerOnly(Path dir, Path file) {
        try {
            boolean posix = OwnerOnlyFiles.createFolder(dir);
            if (posix && !Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log file " + file, e);
        }
    }

    static synchronized Path attach(Path dir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return null;
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Path file = dir.resolve("drainboard.log");
        if (root.getAppender(APPENDER) instanceof RollingFileAppender<ILoggingEvent> existing
                && file.toString().equals(existing.getFile())) {
            return file;
        }
        ownerOnly(dir, file);
        root.detachAppender(APPENDER);
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n");
        enc.start();
        RollingFileAppender<ILoggingEvent> app = new RollingFileAppender<>();
        app.setContext(ctx);
        app.setName(APPENDER);
        app.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(app);
        policy.setFileNamePattern(dir.resolve("drainboard.%d{yyyy-MM-dd}.%i.log").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(5);
        policy.start();
        app.setRollingPolicy(policy);
        app.setEncoder(enc);
        app.start();
        root.addAppender(app);
        return file;
    }
}
