package dev.drainboard.model;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the Explore tab and {@code drainboard export} select from {@code user_logins}: equality on
 * any of the columns and an inclusive create-date range. A null (or blank) part selects everything.
 * Masked values are compared as stored; nothing here is ever a raw ip or device id.
 */
public record LoginFilter(String userId, String maskedIp, String maskedDeviceId, String deviceType,
                          String locale, String appVersion, LocalDate from, LocalDate to) {
    public static final LoginFilter ALL = new LoginFilter(null, null, null, null, null, null, null, null);

    public LoginFilter {
        userId = blankToNull(userId);
        maskedIp = blankToNull(maskedIp);
        maskedDeviceId = blankToNull(maskedDeviceId);
        deviceType = blankToNull(deviceType);
        locale = blankToNull(locale);
        appVersion = blankToNull(appVersion);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public LoginFilter withUserId(String v) {
        return new LoginFilter(v, maskedIp, maskedDeviceId, deviceType, locale, appVersion, from, to);
    }

    /** The filter on one mask column only (what "follow a mask" shows). */
    public static LoginFilter ofMask(MaskColumn column, String mask) {
        return column == MaskColumn.MASKED_IP
                ? new LoginFilter(null, mask, null, null, null, null, null, null)
                : new LoginFilter(null, null, mask, null, null, null, null, null);
    }

    /** The keys of {@link #parse}. */
    public static final List<String> KEYS = List.of("user_id", "masked_ip", "masked_device_id", "device_type",
            "locale", "app_version", "from", "to");

    /**
     * A filter from {@code key=value} terms (several per string, separated by commas), keys as in
     * {@link #KEYS}; dates as yyyy-mm-dd. Throws IllegalArgumentException naming a bad term.
     */
    public static LoginFilter parse(List<String> terms) {
        java.util.Map<String, String> v = new java.util.HashMap<>();
        for (String term : terms) {
            for (String part : term.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String key = eq < 0 ? part.strip() : part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (eq < 0 || !KEYS.contains(key)) {
                    throw new IllegalArgumentException("'" + part.strip() + "' is not a filter term; use key=value "
                            + "with a key of " + KEYS);
                }
                v.put(key, part.substring(eq + 1).strip());
            }
        }
        return new LoginFilter(v.get("user_id"), v.get("masked_ip"), v.get("masked_device_id"), v.get("device_type"),
                v.get("locale"), v.get("app_version"), date(v.get("from")), date(v.get("to")));
    }

    private static LocalDate date(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not a date (yyyy-mm-dd)");
        }
    }

    public boolean isEmpty() {
        return equals(ALL);
    }

    /**
     * The filter in words, e.g. "device type = ios, locale = PH, 2026-11-01 … 2026-11-30";
     * "all rows" when empty. Masks are shortened to their first characters.
     */
    public String sentence() {
        List<String> parts = new ArrayList<>();
        add(parts, "user id", userId);
        add(parts, "masked ip", shortMask(maskedIp));
        add(parts, "masked device id", shortMask(maskedDeviceId));
        add(parts, "device type", deviceType);
        add(parts, "locale", locale);
        add(parts, "app version", appVersion);
        if (from != null || to != null) {
            parts.add((from == null ? "…" : from.toString()) + " … " + (to == null ? "…" : to.toString()));
        }
        return parts.isEmpty() ? "all rows" : String.join(", ", parts);
    }

    /** The sentence with its row count: "locale = PH: about 12,400 rows". */
    public String sentence(RowCount count) {
        return sentence() + ": " + count.words();
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + " = " + value);
        }
    }

    private static String shortMask(String m) {
        return m == null || m.length() <= 16 ? m : m.substring(0, 14) + "…";
    }

    /** A count of rows, exact or estimated. */
    public record RowCount(long value, boolean exact) {
        public String words() {
            NumberFormat f = NumberFormat.getIntegerInstance(Locale.ROOT);
            f.setGroupingUsed(true);
            String n = f.format(exact ? value : round(value));
            String unit = value == 1 && exact ? " row" : " rows";
            return (exact ? "" : "about ") + n.replace('\u00a0', ',') + unit;
        }

        /** Two significant figures above 100, so an estimate does not look precise. */
        static long round(long v) {
            if (v < 100) {
                return v;
            }
            long scale = 1;
            while (v / scale >= 1000) {
                scale *= 10;
            }
            return Math.round(v / (double) scale) * scale;
        }
    }
}
