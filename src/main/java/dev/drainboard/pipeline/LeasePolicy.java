package dev.drainboard.pipeline;

import dev.drainboard.model.Batch;
import java.time.Duration;
import java.time.Instant;

/**
 * When a batch in hand gets its lease (visibility timeout) extended: once less than a third of the
 * timeout is left, or less than the time until its holder next looks, whichever is longer. A lease
 * that already ran out is never extended: its messages may be another drainer's by now, and
 * committing them is still safe (the ledger skips what the other drainer stored). The console's
 * open preview and a drain worker waiting out an outage both follow it.
 */
public final class LeasePolicy {
    private LeasePolicy() {
    }

    /**
     * True when {@code batch} should be extended now.
     *
     * @param visibility the queue's visibility timeout
     * @param nextLook   how long until the holder checks again (the console: a second; a drain
     *                   worker in an outage: up to two of its longest waits)
     */
    public static boolean dueForExtension(Batch batch, Instant now, Duration visibility, Duration nextLook) {
        if (batch.isEmpty() || batch.leaseExpired(now)) {
            return false;
        }
        Duration margin = visibility.dividedBy(3);
        if (nextLook.compareTo(margin) > 0) {
            margin = nextLook;
        }
        return Duration.between(now, batch.leaseExpiry()).compareTo(margin) < 0;
    }
}
