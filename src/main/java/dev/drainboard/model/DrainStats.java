package dev.drainboard.model;

import java.time.Duration;

/**
 * A snapshot of a running or finished drain.
 *
 * @param depthAtStart   approximate visible messages when the drain started (for progress)
 * @param received       messages received so far
 * @param totals         what has been committed and deleted so far
 * @param released       messages handed back to the queue (on stop or failure)
 * @param elapsed        time since the drain started
 * @param sentTimestampMissing messages the server gave no {@code SentTimestamp}: their
 *                       {@code create_date} is the day they were received (the fallback)
 */
public record DrainStats(long depthAtStart, long received, CommitResult totals, long released, Duration elapsed,
                         long sentTimestampMissing) {

    public DrainStats(long depthAtStart, long received, CommitResult totals, long released, Duration elapsed) {
        this(depthAtStart, received, totals, released, elapsed, 0);
    }

    /** Messages that have reached their final place (a row, a rejection or a skipped duplicate). */
    public long done() {
        return (long) totals.written() + totals.rejected() + totals.duplicates();
    }

    public double messagesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : done() / s;
    }
}
