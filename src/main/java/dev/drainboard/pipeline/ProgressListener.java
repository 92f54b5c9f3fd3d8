package dev.drainboard.pipeline;

import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import java.time.Duration;

/**
 * Callbacks from a running drain. Called from worker threads, possibly several at once:
 * implementations must be thread-safe and quick (hand the value to another thread, do not block).
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    /** After every committed batch, with totals so far. */
    default void onProgress(DrainStats stats) {
    }

    /** After every committed batch, with what that batch changed (for the current-batch bar). */
    default void onBatch(int batchSize, CommitResult result) {
    }

    /**
     * A state change a person should see, e.g. "PostgreSQL unreachable, retrying in 4 s". Never
     * contains message contents.
     */
    default void onStatus(String message) {
    }

    /** After every receive: how many messages arrived (0 for an empty long poll) and how long it took. */
    default void onReceived(int messages, Duration took) {
    }

    /** After every committed batch: how long its commit took (dead letters, transaction, delete). */
    default void onCommitted(int batchSize, Duration took) {
    }

    /**
     * A server stopped answering ({@code down} true) or answered again after an outage ({@code down}
     * false). With several workers the latest report wins: one success proves the server is back.
     */
    default void onOutage(Server server, boolean down) {
    }

    /** The servers a drain depends on, for {@link #onOutage}. */
    enum Server {
        SQS, POSTGRESQL
    }
}
