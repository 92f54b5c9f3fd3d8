package dev.drainboard.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One column of a stored table and the flattened field whose mask it holds: {@code masked_ip=ip}.
 * The field name goes into the mask (so an ip and a device id with the same text get different
 * masks) and decides the canonical spelling ({@code ip} values are canonicalised first).
 */
public record ColumnMask(String column, String field) {
    /** The exercise's {@code user_logins}: the columns an earlier loader may have filled with raw values. */
    public static final List<ColumnMask> USER_LOGINS = List.of(new ColumnMask("masked_ip", "ip"),
            new ColumnMask("masked_device_id", "device_id"));

    /** The columns of {@code user_logins} to mask: the exercise's two, plus {@code user_id} when the policy masks it. */
    public static List<ColumnMask> userLogins(boolean userIdMasked) {
        if (!userIdMasked) {
            return USER_LOGINS;
        }
        List<ColumnMask> all = new ArrayList<>(USER_LOGINS);
        all.add(new ColumnMask("user_id", "user_id"));
        return List.copyOf(all);
    }

    public ColumnMask {
        if (column == null || column.isBlank() || field == null || field.isBlank()) {
            throw new IllegalArgumentException("a column mapping needs a column and a field, as COLUMN=FIELD");
        }
    }

    /** Parses {@code COLUMN=FIELD}; a bare {@code COLUMN} means the field of the same name. */
    public static ColumnMask parse(String text) {
        String t = text.strip();
        int eq = t.indexOf('=');
        return eq < 0 ? new ColumnMask(t, t) : new ColumnMask(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
    }

    /** Parses {@code a=b,c=d}. */
    public static List<ColumnMask> parseList(String text) {
        List<ColumnMask> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return column + "=" + field;
    }
}
