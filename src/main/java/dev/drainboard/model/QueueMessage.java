package dev.drainboard.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One message as received from the queue. The body is raw and may hold PII: it must never be
 * logged, stored in PostgreSQL or shown; only the dead-letter queue may receive it.
 *
 * @param messageId     the SQS message id, stable across redeliveries
 * @param receiptHandle the handle of this particular receive, needed to delete or release it
 * @param body          the raw body
 * @param sentAt        when the producer sent the message ({@code SentTimestamp})
 * @param receiveCount  how many times SQS has handed the message out ({@code ApproximateReceiveCount})
 * @param sentAtMissing true when the server gave no {@code SentTimestamp}: {@code sentAt} is then the
 *                      time the message was received (the documented fallback)
 * @param replay        true when this is a replay from the dead-letter queue: {@code messageId} is
 *                      then the id of the original message (the ledger key), not of this copy
 * @param groupId       the FIFO {@code MessageGroupId}, or null on a standard queue
 * @param sequenceNumber the FIFO {@code SequenceNumber} (a decimal string, increasing within a group),
 *                      or null on a standard queue
 */
public record QueueMessage(String messageId, String receiptHandle, String body, Instant sentAt, int receiveCount,
                           boolean sentAtMissing, boolean replay, String groupId, String sequenceNumber) {
    /** A message with its own {@code SentTimestamp}, not a replay. */
    public QueueMessage(String messageId, String receiptHandle, String body, Instant sentAt, int receiveCount) {
        this(messageId, receiptHandle, body, sentAt, receiveCount, false, false);
    }

    /** A message of a standard queue (no group, no sequence number). */
    public QueueMessage(String messageId, String receiptHandle, String body, Instant sentAt, int receiveCount,
                        boolean sentAtMissing, boolean replay) {
        this(messageId, receiptHandle, body, sentAt, receiveCount, sentAtMissing, replay, null, null);
    }

    public QueueMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    @Override
    public String toString() {
        return "QueueMessage[" + messageId + ", receiveCount=" + receiveCount + ", " + body.length() + " chars"
                + (replay ? ", replay" : "") + (groupId == null ? "" : ", group " + groupId + " #" + sequenceNumber)
                + "]";
    }
}
