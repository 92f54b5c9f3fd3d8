package dev.drainboard.fifo;

/** The SQL that checks, on the ledger, that every FIFO group was committed in sequence order. */
public final class FifoOrder {
    /**
     * Pairs of consecutive messages of one group (by sequence number) whose later one was committed
     * before the earlier one: 0 when every group kept its order. committed_at is the commit's
     * transaction time; one transaction holds several messages of a group in one instant.
     */
    public static final String OUT_OF_ORDER = "SELECT count(*) FROM (SELECT committed_at, lag(committed_at) OVER "
            + "(PARTITION BY message_group_id ORDER BY sequence_number) AS before FROM drainboard_ledger "
            + "WHERE message_group_id IS NOT NULL) pairs WHERE before > committed_at";
    /** How many consecutive pairs that check compares. */
    public static final String PAIRS = "SELECT count(*) FROM (SELECT lag(sequence_number) OVER (PARTITION BY "
            + "message_group_id ORDER BY sequence_number) AS before FROM drainboard_ledger "
            + "WHERE message_group_id IS NOT NULL) p WHERE before IS NOT NULL";

    private FifoOrder() {
    }
}
