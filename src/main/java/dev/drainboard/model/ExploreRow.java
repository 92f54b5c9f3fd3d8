package dev.drainboard.model;

/**
 * One row of an Explore page: the stored (masked) login and its physical key, the last part of the
 * keyset that makes pages stable ({@code user_logins} has no primary key of its own).
 */
public record ExploreRow(StoredLogin login, String rowKey) {
}
