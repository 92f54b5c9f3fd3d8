package dev.drainboard.pipeline;

import java.time.Duration;

/** Exponential backoff for outages: 0.5 s, 1 s, 2 s, ... up to a ceiling. Not thread-safe; one per worker. */
final class Backoff {
    private final Duration first;
    private final Duration max;
    private Duration next;
    private long firstWaitNanos = -1;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** The wait before the next attempt; doubles each call until the ceiling. */
    Duration next() {
        if (firstWaitNanos < 0) {
            firstWaitNanos = System.nanoTime();
        }
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return d;
    }

    void reset() {
        next = first;
        firstWaitNanos = -1;
    }

    /** How long ago the first wait since the last reset began (zero before any wait). */
    Duration waitingFor() {
        return firstWaitNanos < 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - firstWaitNanos);
    }
}
