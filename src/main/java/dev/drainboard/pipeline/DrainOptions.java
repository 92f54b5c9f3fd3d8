package dev.drainboard.pipeline;

import java.time.Duration;

/**
 * How a full drain runs.
 *
 * @param workers     parallel workers, each receiving and committing its own batches
 * @param maxMessages stop after this many messages have been received; 0 = until the queue is empty
 * @param pollWait    long-poll wait of each receive; a worker stops after one empty receive
 */
public record DrainOptions(int workers, long maxMessages, Duration pollWait) {
    public DrainOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (maxMessages < 0) {
            throw new IllegalArgumentException("maxMessages must be 0 (no limit) or more");
        }
    }

    public static DrainOptions all(int workers, Duration pollWait) {
        return new DrainOptions(workers, 0, pollWait);
    }
}
