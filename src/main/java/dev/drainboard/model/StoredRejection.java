package dev.drainboard.model;

import java.time.Instant;

/** One record of {@code drainboard_rejections}: the message id, why, a summary without field values. */
public record StoredRejection(String messageId, String reason, String summary, Instant rejectedAt) {
}
