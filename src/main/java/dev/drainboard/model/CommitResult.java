package dev.drainboard.model;

/**
 * What one committed batch changed in PostgreSQL and in the queue.
 *
 * @param written         new {@code user_logins} rows
 * @param rejected        new rejection records
 * @param duplicates      messages whose id was already in the ledger (redeliveries): nothing written
 * @param deleted         messages deleted from the queue after the commit
 * @param deleteFailures  messages whose delete failed after retries; they will be redelivered and
 *                        skipped by the ledger
 */
public record CommitResult(int written, int rejected, int duplicates, int deleted, int deleteFailures) {
    public static final CommitResult NONE = new CommitResult(0, 0, 0, 0, 0);

    public CommitResult plus(CommitResult o) {
        return new CommitResult(written + o.written, rejected + o.rejected, duplicates + o.duplicates,
                deleted + o.deleted, deleteFailures + o.deleteFailures);
    }
}
