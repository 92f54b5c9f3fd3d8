package dev.drainboard.pipeline;

import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes a drain's progress and batch callbacks on at most once per interval each; status messages
 * (and the receive, commit and outage callbacks the service's metrics count) always pass. People
 * cannot read faster than a few updates a second, and every update costs the face a print or a
 * layout that takes CPU from the drain. A skipped update is never the last word: both faces show
 * the final totals that {@link Drainer#drainAll} returns. Thread-safe.
 */
public final class ProgressThrottle implements ProgressListener {
    private final ProgressListener downstream;
    private final long intervalNanos;
    private final AtomicLong lastProgress;
    private final AtomicLong lastBatch;

    private ProgressThrottle(ProgressListener downstream, Duration interval, boolean firstAtOnce) {
        this.downstream = downstream;
        this.intervalNanos = interval.toNanos();
        long start = firstAtOnce ? System.nanoTime() - intervalNanos : System.nanoTime();
        this.lastProgress = new AtomicLong(start);
        this.lastBatch = new AtomicLong(start);
    }

    /** The first update passes at once, then at most one per {@code interval} (the console). */
    public static ProgressListener atMostEvery(Duration interval, ProgressListener downstream) {
        return new ProgressThrottle(downstream, interval, true);
    }

    /** The first update passes after one {@code interval}, then one per interval (the CLI). */
    public static ProgressListener afterEvery(Duration interval, ProgressListener downstream) {
        return new ProgressThrottle(downstream, interval, false);
    }

    private boolean tooSoon(AtomicLong last) {
        long now = System.nanoTime();
        long was = last.get();
        return now - was < intervalNanos || !last.compareAndSet(was, now);
    }

    @Override
    public void onProgress(DrainStats stats) {
        if (!tooSoon(lastProgress)) {
            downstream.onProgress(stats);
        }
    }

    @Override
    public void onBatch(int batchSize, CommitResult result) {
        if (!tooSoon(lastBatch)) {
            downstream.onBatch(batchSize, result);
        }
    }

    @Override
    public void onStatus(String message) {
        downstream.onStatus(message);
    }

    @Override
    public void onReceived(int messages, Duration took) {
        downstream.onReceived(messages, took);
    }

    @Override
    public void onCommitted(int batchSize, Duration took) {
        downstream.onCommitted(batchSize, took);
    }

    @Override
    public void onOutage(Server server, boolean down) {
        downstream.onOutage(server, down);
    }
}
