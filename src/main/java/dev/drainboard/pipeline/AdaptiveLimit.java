package dev.drainboard.pipeline;

/**
 * How many receivers a drain keeps busy, found by climbing the throughput (additive increase,
 * multiplicative decrease, with a slow start): the drain reports the rate of each short window,
 * and the limit moves one step per window.
 *
 * <ul>
 *   <li>Slow start: the limit doubles while each doubling raised the rate by at least {@link #GAIN}.</li>
 *   <li>A step up after which the rate fell by more than {@link #LOSS} is taken back; one that left
 *       it about level is kept (on a plateau a few more receivers cost nothing, and taking back
 *       every level step would let noise walk the limit down). Either way the limit then holds
 *       for {@link #HOLD} windows and probes one step up again ({@code max(1, limit / 4)}), so a
 *       change in the servers (a slower network, a busier machine) is found again.</li>
 *   <li>Trouble in a window (an outage, a retried commit) halves the limit (at least 1).</li>
 * </ul>
 *
 * The rate is the signal rather than the latency because the two ends differ: on loopback a busy
 * CPU makes every receive slower while more receivers still add throughput, and across a network
 * the latency hardly moves until the server saturates; what both share is that throughput stops
 * growing. Not thread-safe: one controller thread calls {@link #update}; {@link #limit} may be
 * read from any thread.
 */
public final class AdaptiveLimit {
    /** The least relative rise in rate that makes a step up worth keeping. */
    static final double GAIN = 0.05;
    /** The relative fall in rate after a step up that makes it be taken back. */
    static final double LOSS = 0.10;
    /** Windows to hold after a step back before probing up again. */
    static final int HOLD = 6;

    private final int max;
    private volatile int limit;
    private int previousLimit;
    private double previousRate = -1;
    private boolean slowStart = true;
    private boolean probing;
    private int held;

    /** A limit that starts at {@code initial} and never leaves 1..{@code max}. */
    public AdaptiveLimit(int initial, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the maximum is at least 1");
        }
        this.max = max;
        this.limit = Math.max(1, Math.min(initial, max));
        this.previousLimit = this.limit;
    }

    /** The current limit: receivers with a lower index than this run, the others wait. */
    public int limit() {
        return limit;
    }

    public int max() {
        return max;
    }

    /**
     * Takes the rate (messages per second) measured in the window that just ended at the current
     * limit, and whether it saw trouble; returns the limit for the next window.
     */
    public int update(double rate, boolean trouble) {
        int current = limit;
        if (trouble) {
            slowStart = false;
            probing = false;
            held = 0;
            previousRate = -1;
            return set(Math.max(1, current / 2));
        }
        if (probing) {
            probing = false;
            if (rate >= previousRate * (1 + GAIN)) {
                // the step paid: keep it and take the next one
                return stepUp(current, rate);
            }
            slowStart = false;
            held = 0;
            if (rate < previousRate * (1 - LOSS)) {
                // it cost: back to the limit that did better with fewer receivers
                return set(previousLimit);
            }
            // level: keep it, and compare the next probe with this rate
            previousRate = rate;
            return current;
        }
        if (previousRate < 0 || held >= HOLD || slowStart) {
            return stepUp(current, rate);
        }
        held++;
        // while holding, follow the rate at this limit so the next probe compares like with like
        previousRate = rate;
        return current;
    }

    private int stepUp(int current, double rate) {
        previousRate = rate;
        previousLimit = current;
        held = 0;
        if (current >= max) {
            slowStart = false;
            return current;
        }
        probing = true;
        int next = slowStart ? current * 2 : current + Math.max(1, current / 4);
        return set(Math.min(max, next));
    }

    private int set(int next) {
        limit = next;
        return next;
    }
}
