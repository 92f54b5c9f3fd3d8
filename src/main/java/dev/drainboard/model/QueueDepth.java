package dev.drainboard.model;

/** Approximate message counts of one queue, as SQS reports them. */
public record QueueDepth(long available, long inFlight, long delayed) {
    public static final QueueDepth ZERO = new QueueDepth(0, 0, 0);

    public long total() {
        return available + inFlight + delayed;
    }
}
