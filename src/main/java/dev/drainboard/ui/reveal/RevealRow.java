package dev.drainboard.ui.reveal;

import dev.drainboard.model.Unmasked;
import dev.drainboard.pipeline.RevealedRow;

/**
 * One revealed row as the Reveal dialog shows it. {@code value} is the original value, or why it
 * cannot be recovered in parentheses. Lives only while the dialog is open; {@link #toString()}
 * leaves the value out, so it cannot slip into a log line.
 */
public record RevealRow(String userId, String deviceType, String createDate, String value, boolean revealed) {

    public static RevealRow of(RevealedRow r, boolean ip) {
        Unmasked u = ip ? r.ip() : r.deviceId();
        return new RevealRow(r.userId(), r.deviceType(), r.createDate() == null ? "" : r.createDate().toString(),
                shown(u), u != null && u.isRevealed());
    }

    @Override
    public String toString() {
        return "RevealRow[userId=" + userId + ", revealed=" + revealed + "]";
    }

    private static String shown(Unmasked u) {
        return u == null ? "" : u.forPeople();
    }
}
