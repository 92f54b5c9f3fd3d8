package dev.drainboard.model;

/**
 * How the drained queue is set up, as read from SQS at start: FIFO or standard, and which
 * dead-letter queue Drainboard uses for rejected bodies.
 *
 * @param queue            the queue's name
 * @param fifo             true for a FIFO queue (name ending in {@code .fifo})
 * @param deadLetterQueue  the dead-letter queue's name
 * @param redrivePolicy    true when the dead-letter queue is the queue's own {@code RedrivePolicy}
 *                         target; false when Drainboard named it ({@code <name>-dlq}, {@code <base>-dlq.fifo})
 * @param maxReceiveCount  the redrive policy's {@code maxReceiveCount}: after this many receives SQS
 *                         itself moves a message to the dead-letter queue; 0 without a redrive policy
 */
public record QueueSetup(String queue, boolean fifo, String deadLetterQueue, boolean redrivePolicy,
                         int maxReceiveCount) {

    /** A standard queue with Drainboard's own {@code <name>-dlq}. */
    public static QueueSetup standard(String queue) {
        return new QueueSetup(queue, false, queue + "-dlq", false, 0);
    }

    /** "FIFO" or "standard", for the queue panel and {@code depth}. */
    public String kind() {
        return fifo ? "FIFO" : "standard";
    }

    /**
     * What the receive count of a message means here, e.g. "2 of 5 receives before SQS moves it to
     * logins-dlq"; without a redrive policy, just "received 2×".
     */
    public String receiveCountText(int receiveCount) {
        if (maxReceiveCount <= 0) {
            return "received " + receiveCount + "×";
        }
        return receiveCount + " of " + maxReceiveCount + " receives before SQS moves it to " + deadLetterQueue;
    }

    /**
     * True when handing a message with {@code receiveCount} receives back (Release) lets SQS move
     * it to the dead-letter queue instead of delivering it again: it has had its last receive
     * (SQS moves a message once its receive count has reached {@code maxReceiveCount}).
     */
    public boolean releaseReachesLimit(int receiveCount) {
        return maxReceiveCount > 0 && receiveCount >= maxReceiveCount;
    }
}
