package dev.drainboard.model;

import java.util.Set;

/**
 * What masking did to one login, told without any raw value: which fields were masked and which
 * dropped (every other field passed through), and the shape of the two raw PII values, noted when
 * the row was masked so that a view can say "hidden: ip (IPv4), device id (36 chars)".
 *
 * @param masked         fields replaced by their mask
 * @param dropped        fields stored as null
 * @param ipFamily       {@code "IPv4"} or {@code "IPv6"}; null when there was no ip
 * @param deviceIdLength the raw device id's length in characters (code points); -1 when there was none
 */
public record MaskFacts(Set<String> masked, Set<String> dropped, String ipFamily, int deviceIdLength) {
    /** For a row made without a masker (tests, fakes): nothing is known. */
    public static final MaskFacts UNKNOWN = new MaskFacts(Set.of(), Set.of(), null, -1);

    public MaskFacts {
        masked = Set.copyOf(masked);
        dropped = Set.copyOf(dropped);
    }

    /** The facts about {@code raw} under a policy that masks {@code masked} and drops {@code dropped}. */
    public static MaskFacts of(LoginEvent raw, Set<String> masked, Set<String> dropped) {
        String ip = raw.ip();
        String device = raw.deviceId();
        return new MaskFacts(masked, dropped, ip == null ? null : ip.indexOf(':') >= 0 ? "IPv6" : "IPv4",
                device == null ? -1 : device.codePointCount(0, device.length()));
    }

    @Override
    public String toString() {
        return "MaskFacts[masked=" + masked + ", dropped=" + dropped + ", ip " + ipFamily + ", device id "
                + deviceIdLength + " chars]";
    }
}
