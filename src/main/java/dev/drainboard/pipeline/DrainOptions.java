package dev.drainboard.pipeline;

import java.time.Duration;

/**
 * How a full drain runs.
 *
 * @param workers     parallel workers, each receiving and committing its own batches
 * @param maxMessages stop after this many messages have been received; 0 = until the queue is empty
 * @param pollWait    long-poll wait of each receive; a worker stops after one empty receive (unless following)
 * @param firstRetry  the first wait after an outage; it doubles on each failed retry, up to 8 s
 * @param giveUpAfter how long one outage may last before the drain gives up (releasing what it holds)
 * @param follow      keep receiving after an empty receive and never give up on an outage: the drain
 *                    runs until it is stopped (service mode, {@code drain --follow})
 * @param adaptive    {@code workers} is a maximum: the drain starts with fewer receivers and adds or
 *                    removes them by the throughput they bring ({@link AdaptiveLimit})
 */
public record DrainOptions(int workers, long maxMessages, Duration pollWait, Duration firstRetry,
                           Duration giveUpAfter, boolean follow, boolean adaptive) {
    /** Receivers an adaptive drain may grow to when no worker count is given (the CLI's {@code drain}). */
    public static final int ADAPTIVE_MAX_WORKERS = 32;
    public static final Duration DEFAULT_FIRST_RETRY = Duration.ofMillis(500);
    public static final Duration DEFAULT_GIVE_UP = Duration.ofMinutes(5);

    public DrainOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (maxMessages < 0) {
            throw new IllegalArgumentException("maxMessages must be 0 (no limit) or more");
        }
        if (firstRetry.isNegative() || firstRetry.isZero()) {
            throw new IllegalArgumentException("firstRetry must be positive");
        }
    }

    public DrainOptions(int workers, long maxMessages, Duration pollWait, Duration firstRetry,
                        Duration giveUpAfter, boolean follow) {
        this(workers, maxMessages, pollWait, firstRetry, giveUpAfter, follow, false);
    }

    public DrainOptions(int workers, long maxMessages, Duration pollWait, Duration firstRetry,
                        Duration giveUpAfter) {
        this(workers, maxMessages, pollWait, firstRetry, giveUpAfter, false);
    }

    public DrainOptions(int workers, long maxMessages, Duration pollWait) {
        this(workers, maxMessages, pollWait, DEFAULT_FIRST_RETRY, DEFAULT_GIVE_UP);
    }

    public DrainOptions(int workers, long maxMessages, Duration pollWait, Duration firstRetry) {
        this(workers, maxMessages, pollWait, firstRetry, DEFAULT_GIVE_UP);
    }

    public static DrainOptions all(int workers, Duration pollWait) {
        return new DrainOptions(workers, 0, pollWait);
    }

    /** The same drain, giving up on an outage after {@code d} (tests use a short one). */
    public DrainOptions withGiveUpAfter(Duration d) {
        return new DrainOptions(workers, maxMessages, pollWait, firstRetry, d, follow, adaptive);
    }

    /** The same drain, but following the queue until stopped (see {@code follow}). */
    public DrainOptions following() {
        return new DrainOptions(workers, maxMessages, pollWait, firstRetry, giveUpAfter, true, adaptive);
    }

    /** The same drain with {@code workers} as the most receivers an adaptive limit may use. */
    public DrainOptions adaptiveUpTo() {
        return new DrainOptions(workers, maxMessages, pollWait, firstRetry, giveUpAfter, follow, true);
    }
}
