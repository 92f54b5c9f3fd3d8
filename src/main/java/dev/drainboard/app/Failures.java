package dev.drainboard.app;

import dev.drainboard.config.ConfigException;
import dev.drainboard.pipeline.DrainException;
import dev.drainboard.pipeline.RevealUnavailableException;
import dev.drainboard.sink.SchemaException;
import dev.drainboard.sink.SinkException;
import dev.drainboard.source.SourceException;
import java.io.UncheckedIOException;

/**
 * What kind of failure an exception from the facade is, so that both faces can word it without
 * knowing the layers' exception types.
 */
public enum Failures {
    /** SQS could not be reached or refused: nothing is lost, unfinished messages return. */
    QUEUE,
    /** PostgreSQL is unreachable for now: nothing was written or deleted. */
    DATABASE_UNREACHABLE,
    /** PostgreSQL refused, or a drain ended on a failure waiting cannot fix: nothing was deleted unstored. */
    DATABASE_REFUSED,
    /** The database's tables have a shape Drainboard cannot use (see {@link Migration}). */
    SCHEMA,
    /** A setting is wrong. */
    CONFIGURATION,
    /** Revealing is off (no keyset). */
    REVEAL_UNAVAILABLE,
    /** Anything else. */
    OTHER;

    /** The kind of {@code t} (not unwrapped: pass the cause you want judged). */
    public static Failures of(Throwable t) {
        if (t instanceof SourceException) {
            return QUEUE;
        }
        if (t instanceof SinkException s && s.isRetryable()) {
            return DATABASE_UNREACHABLE;
        }
        if (t instanceof SinkException || t instanceof DrainException) {
            return DATABASE_REFUSED;
        }
        if (t instanceof SchemaException) {
            return SCHEMA;
        }
        if (t instanceof ConfigException) {
            return CONFIGURATION;
        }
        if (t instanceof RevealUnavailableException) {
            return REVEAL_UNAVAILABLE;
        }
        return OTHER;
    }

    /**
     * True when {@code t} says a server did not answer, or answered as a server that is only
     * restarting would (the queue or the database unreachable): waiting may fix it, as the drain's
     * outage handling assumes. A refusal of the request, the login or the schema is not an outage.
     */
    public static boolean isOutage(Throwable t) {
        return t instanceof SourceException s && s.isRetryable() || t instanceof SinkException k && k.isRetryable();
    }

    /** True when {@code t}'s message is written for people (no class name needed in front of it). */
    public static boolean speaksForItself(Throwable t) {
        return of(t) != OTHER || t instanceof UncheckedIOException;
    }
}
