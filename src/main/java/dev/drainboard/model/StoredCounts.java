package dev.drainboard.model;

/** What PostgreSQL holds: rows in {@code user_logins} and records in {@code drainboard_rejections}. */
public record StoredCounts(long rows, long rejections) {
}
