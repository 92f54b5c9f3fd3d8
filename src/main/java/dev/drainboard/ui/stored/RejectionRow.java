package dev.drainboard.ui.stored;

import dev.drainboard.model.StoredRejection;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One line of the Rejections table: a rejected message's id, why, and a summary without field
 * values (its raw body stays in the dead-letter queue), with the time as the operator reads it.
 */
public record RejectionRow(String messageId, String reason, String summary, String time) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    public static RejectionRow of(StoredRejection r) {
        return new RejectionRow(r.messageId(), r.reason(), r.summary(),
                r.rejectedAt() == null ? "" : TIME.format(r.rejectedAt()));
    }
}
