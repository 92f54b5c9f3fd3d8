package dev.drainboard.source;

import dev.drainboard.model.BulkReplay;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.QueueMessage;
import java.time.Duration;
import java.util.List;

/**
 * What draining needs of the queue: receive, lease, delete after the durable write, and the
 * dead-letter queue for rejected bodies (quarantine, replay, clean-up). Implementations are thread-safe: several drain workers
 * share one instance.
 *
 * <p>Every call that talks to the queue may throw {@link SourceException} when the queue cannot be
 * reached; nothing is lost then, since an undeleted message comes back after its visibility timeout.
 */
public interface DrainQueue {

    /**
     * Receives up to {@code max} (1-10) messages, waiting up to {@code wait} for the first one.
     * An empty list means none arrived within the wait. The messages stay invisible to other
     * consumers for the configured visibility timeout.
     */
    List<QueueMessage> receive(int max, Duration wait);

    /**
     * Deletes the messages in batches of 10, retrying failed entries. Call only after the rows of
     * these messages are durable. Never throws for a partial failure: it is reported in the outcome.
     */
    DeleteOutcome delete(List<QueueMessage> messages);

    /** Makes the messages visible again at once, for another receive. Best effort. */
    void release(List<QueueMessage> messages);

    /** Keeps the messages invisible for {@code timeout} more, counted from now. */
    void extendLease(List<QueueMessage> messages, Duration timeout);

    /** Sends each message's raw body to the dead-letter queue with its reason as an attribute. */
    void sendToDeadLetter(List<DeadLetter> letters);

    /**
     * Moves the dead-letter message whose original id is {@code originalMessageId} back to the main
     * queue. Looks at up to {@code scan} dead letters; returns false when it was not found.
     */
    boolean replay(String originalMessageId, int scan);

    /**
     * Deletes every dead letter whose original id is {@code originalMessageId} (among the first
     * {@code scan}) without sending anything: for copies left behind after the message became a
     * row. Returns how many were deleted. Sources without a dead-letter queue keep the default.
     */
    default int discardDeadLetters(String originalMessageId, int scan) {
        return 0;
    }

    /**
     * Sends every dead letter back to the queue at once (see {@link BulkReplay}). Sources without a
     * dead-letter queue keep the default, which moves nothing.
     */
    default BulkReplay replayAll() {
        return new BulkReplay(BulkReplay.Method.RECEIVE_AND_SEND, 0, null);
    }

    /** Available, in flight and delayed messages (a drain's progress counts against it). */
    QueueDepth depth();

    /**
     * True for a FIFO queue: a message group is withheld from receives while one of its messages is
     * in flight, so an empty receive does not mean an empty queue while commits are running.
     */
    default boolean withholdsGroups() {
        return false;
    }

    /** The visibility timeout that {@link #receive} applies. */
    Duration visibilityTimeout();

    /** A rejected message on its way to the dead-letter queue. */
    record DeadLetter(QueueMessage message, String reason) {
    }

    /** What a delete achieved; {@code failedIds} will be redelivered and skipped by the ledger. */
    record DeleteOutcome(int deleted, List<String> failedIds) {
        public DeleteOutcome {
            failedIds = List.copyOf(failedIds);
        }
    }
}
