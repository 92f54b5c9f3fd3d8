package dev.drainboard.model;

import java.time.Instant;
import java.util.List;

/**
 * Messages in hand: received, parsed and masked, not yet written. Until it is committed or released
 * the messages are invisible to other consumers until {@code leaseExpiry}.
 *
 * @param messages    every received message (needed to delete or release it)
 * @param rows        masked rows of the messages that parsed
 * @param rejections  rejections of the messages that did not
 * @param leaseExpiry when the visibility timeout of the earliest received message runs out
 */
public record Batch(List<QueueMessage> messages, List<MaskedLogin> rows, List<Rejection> rejections,
                    Instant leaseExpiry) {
    public Batch {
        messages = List.copyOf(messages);
        rows = List.copyOf(rows);
        rejections = List.copyOf(rejections);
    }

    public static Batch empty() {
        return new Batch(List.of(), List.of(), List.of(), Instant.EPOCH);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public int size() {
        return messages.size();
    }

    /**
     * True when the visibility timeout has run out: the messages may already have been handed to
     * another consumer. Committing is still safe (the ledger skips what the other one wrote), but
     * the deletes may fail and rows may have been written by someone else.
     */
    public boolean leaseExpired(Instant now) {
        return !isEmpty() && !now.isBefore(leaseExpiry);
    }

    public Batch withLeaseExpiry(Instant expiry) {
        return new Batch(messages, rows, rejections, expiry);
    }
}
