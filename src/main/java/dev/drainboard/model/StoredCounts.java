package dev.drainboard.model;

/**
 * What PostgreSQL holds: rows in {@code user_logins} and records in {@code drainboard_rejections}.
 * {@code rowsEstimated} is true when {@code rows} is PostgreSQL's estimate (large tables).
 */
public record StoredCounts(long rows, long rejections, boolean rowsEstimated) {
    /** Exact counts. */
    public StoredCounts(long rows, long rejections) {
        this(rows, rejections, false);
    }
}
