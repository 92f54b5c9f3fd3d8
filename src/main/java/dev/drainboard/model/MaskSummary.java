package dev.drainboard.model;

import java.time.LocalDate;

/**
 * One mask and what it touches: rows, distinct user ids, first and last create date. Used for a
 * followed mask, for every mask of one user, and for the shared-devices list.
 */
public record MaskSummary(MaskColumn column, String mask, long users, long rows, LocalDate first, LocalDate last) {
}
