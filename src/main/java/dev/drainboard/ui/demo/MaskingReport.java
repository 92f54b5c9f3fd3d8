package dev.drainboard.ui.demo;

import dev.drainboard.model.MaskFacts;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.ui.common.MaskChips;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "What masking did" to one row, in words for a room: per field whether it was masked, kept or
 * dropped and what is stored, and one line that names what was hidden ("hidden: ip (IPv4), device
 * id (36 chars)"). Built only from the masked row and its {@link MaskFacts}, so it cannot show a raw
 * ip or device id: a PII field kept raw by the policy is named, never shown.
 */
public record MaskingReport(String messageId, String hidden, List<Line> lines) {
    /** What happened to one field. */
    public enum Treatment {
        MASKED("masked"), KEPT("kept"), DROPPED("dropped");

        private final String word;

        Treatment(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** One field: its name, what masking did, and what is stored (a short mask, a kept value, or a note). */
    public record Line(String field, Treatment treatment, String stored) {
    }

    public MaskingReport {
        lines = List.copyOf(lines);
    }

    private static final List<String> PII = List.of("ip", "device_id");

    public static MaskingReport of(MaskedLogin r) {
        MaskFacts f = r.facts();
        List<Line> lines = new ArrayList<>();
        lines.add(line(f, "user_id", r.userId()));
        lines.add(line(f, "device_type", r.deviceType()));
        lines.add(line(f, "ip", r.maskedIp()));
        lines.add(line(f, "device_id", r.maskedDeviceId()));
        lines.add(line(f, "locale", r.locale()));
        lines.add(line(f, "app_version", r.appVersion()));
        lines.add(new Line("create_date", Treatment.KEPT, r.createDate() == null ? "null" : r.createDate().toString()));
        List<String> hidden = new ArrayList<>();
        for (Line l : lines) {
            if (l.treatment() != Treatment.KEPT) {
                hidden.add(shape(f, l.field()));
            }
        }
        return new MaskingReport(r.messageId(), hidden.isEmpty() ? "nothing hidden" : "hidden: "
                + String.join(", ", hidden), lines);
    }

    private static Line line(MaskFacts f, String field, String stored) {
        if (f.dropped().contains(field)) {
            return new Line(field, Treatment.DROPPED, "null (dropped)");
        }
        if (f.masked().contains(field)) {
            return new Line(field, Treatment.MASKED, stored == null ? "null" : MaskChips.shortMask(stored));
        }
        if (PII.contains(field)) {
            // kept raw only under --allow-raw-pii; even then this panel does not repeat the value
            return new Line(field, Treatment.KEPT, stored == null ? "null" : "raw value, not shown");
        }
        return new Line(field, Treatment.KEPT, stored == null ? "null" : stored);
    }

    /** "ip (IPv4)", "device id (36 chars)", "user id": the field and, for the PII fields, its shape. */
    private static String shape(MaskFacts f, String field) {
        String name = field.replace('_', ' ');
        if (field.equals("ip") && f.ipFamily() != null) {
            return name + " (" + f.ipFamily() + ")";
        }
        if (field.equals("device_id") && f.deviceIdLength() >= 0) {
            return name + " (" + f.deviceIdLength() + " char" + (f.deviceIdLength() == 1 ? "" : "s") + ")";
        }
        return name;
    }

    /** The line for {@code field}; for tests and the view. */
    public Line line(String field) {
        return lines.stream().filter(l -> l.field().equals(field.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow();
    }
}
