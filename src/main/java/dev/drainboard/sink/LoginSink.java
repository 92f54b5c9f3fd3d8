package dev.drainboard.sink;

import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;

/**
 * Where masked logins end up. Thread-safe: each call uses its own connection.
 */
public interface LoginSink extends AutoCloseable {

    /**
     * Writes a batch in ONE transaction: a ledger entry per message id, rows and rejection records
     * only for ids the ledger had not seen. When this returns, the batch is durable and its messages
     * may be deleted; when it throws, nothing of the batch was written.
     *
     * @return counts of new rows, new rejections and skipped duplicates ({@code deleted} is 0)
     * @throws SinkException when the database is unreachable or refuses the data
     */
    CommitResult write(Batch batch);

    /**
     * As {@link #write}, in a transaction of its own on the caller's thread. A sink that gathers
     * writes into groups ({@link GroupCommitSink}) fails every batch of a group the database
     * refused; the caller then isolates the faulty data with this (the {@code Drainer} does, once).
     */
    default CommitResult writeAlone(Batch batch) {
        return write(batch);
    }

    /**
     * Marks the rejection record of {@code messageId} as replayed now, outcome pending, before its
     * body goes back to the queue: only a pending record lets the replayed copy through the ledger.
     * Returns the record's previous replay outcome ("" when never replayed), or {@code "row"} without
     * marking when a replay already became a row, or null when there is no record. Sinks without
     * rejection records (test fakes) replay unmarked.
     */
    default String markReplayed(String messageId) {
        return "";
    }

    /**
     * Undoes {@link #markReplayed} when the dead-letter queue held no copy: the record gets back
     * the {@code previous} outcome that call returned.
     */
    default void replayNotFound(String messageId, String previous) {
    }

    /** Where this sink points, for display: the JDBC URL without a password. */
    String describe();

    @Override
    void close();
}
