package dev.drainboard.pipeline;

import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;

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
}
