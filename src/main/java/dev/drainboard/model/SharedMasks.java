package dev.drainboard.model;

import java.time.Instant;
import java.util.List;

/**
 * Masks used by two or more distinct user ids, most users first. {@code computedAt} is null when
 * the list was computed live from {@code user_logins}; otherwise it comes from the stored grouping
 * of that time (large tables), and {@code tableRows} is how many rows the table had then.
 */
public record SharedMasks(List<MaskSummary> masks, Instant computedAt, long tableRows) {
}
