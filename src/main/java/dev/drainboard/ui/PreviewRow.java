package dev.drainboard.ui;

import dev.drainboard.model.Batch;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.model.Rejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the preview table, made for display: a masked row or a rejected message with its
 * reason. Holds no raw field value: masks come from {@link MaskedLogin}, reasons from {@link Rejection}.
 *
 * @param ipRepeats     rows of this batch with the same masked ip (1 = unique, 0 = no ip)
 * @param deviceRepeats rows of this batch with the same masked device id
 * @param ipSeen        rows already in PostgreSQL with this masked ip
 * @param deviceSeen    rows already in PostgreSQL with this masked device id
 */
public record PreviewRow(String messageId, boolean rejected, String userId, String deviceType, String maskedIp,
                         String maskedDeviceId, String locale, String appVersion, String createDate,
                         int ipRepeats, int deviceRepeats, long ipSeen, long deviceSeen, String reason) {

    /** Shares a mask with another row of the batch or with a stored row. */
    public boolean repeated() {
        return ipRepeats > 1 || deviceRepeats > 1 || ipSeen > 0 || deviceSeen > 0;
    }

    /** "seen 3× before" (the larger of the two masks' stored counts), or "" when new. */
    public String seenBefore() {
        long n = Math.max(ipSeen, deviceSeen);
        return n == 0 ? "" : "seen " + n + "× before";
    }

    /** "ip ×3, dev ×2" within the batch, or "" when both are unique. */
    public String repeatsInBatch() {
        List<String> parts = new ArrayList<>();
        if (ipRepeats > 1) {
            parts.add("ip ×" + ipRepeats);
        }
        if (deviceRepeats > 1) {
            parts.add("dev ×" + deviceRepeats);
        }
        return String.join(", ", parts);
    }

    /** Rows of a fetched batch, parsed rows first, each with its repeat counts. */
    static List<PreviewRow> of(Batch batch, Map<String, Long> ipSeen, Map<String, Long> deviceSeen) {
        Map<String, Integer> ips = tally(batch.rows(), true);
        Map<String, Integer> devices = tally(batch.rows(), false);
        List<PreviewRow> out = new ArrayList<>(batch.size());
        for (MaskedLogin r : batch.rows()) {
            out.add(new PreviewRow(r.messageId(), false, r.userId(), r.deviceType(), r.maskedIp(), r.maskedDeviceId(),
                    r.locale(), r.appVersion(), r.createDate() == null ? null : r.createDate().toString(),
                    r.maskedIp() == null ? 0 : ips.get(r.maskedIp()),
                    r.maskedDeviceId() == null ? 0 : devices.get(r.maskedDeviceId()),
                    r.maskedIp() == null ? 0 : ipSeen.getOrDefault(r.maskedIp(), 0L),
                    r.maskedDeviceId() == null ? 0 : deviceSeen.getOrDefault(r.maskedDeviceId(), 0L), ""));
        }
        for (Rejection j : batch.rejections()) {
            out.add(new PreviewRow(j.messageId(), true, null, null, null, null, null, null, null, 0, 0, 0, 0,
                    j.reason()));
        }
        return out;
    }

    private static Map<String, Integer> tally(List<MaskedLogin> rows, boolean ip) {
        Map<String, Integer> n = new HashMap<>();
        for (MaskedLogin r : rows) {
            String mask = ip ? r.maskedIp() : r.maskedDeviceId();
            if (mask != null) {
                n.merge(mask, 1, Integer::sum);
            }
        }
        return n;
    }

    /**
     * A stable hue (0-360) for a mask, so equal masks get equal colour chips; -1 for none. Taken
     * from the mask's own digits (for {@code v2:} masks the ciphertext, not the key id that every
     * mask of one key shares); they are uniformly spread, so SHA-256 of them picks the hue.
     */
    public static double hueOf(String mask) {
        return mask == null ? -1 : digest(mask, 0) % 360;
    }

    /** A second stable coordinate (0-1) for a mask's chip, so masks of one hue still differ in shade. */
    public static double shadeOf(String mask) {
        return mask == null ? 0 : (digest(mask, 2) & 0xff) / 255.0;
    }

    /** Two bytes of SHA-256 over the part of the mask that differs between values, as 0-65535. */
    private static int digest(String mask, int at) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(distinctive(mask).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return (d[at] & 0xff) << 8 | d[at + 1] & 0xff;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The value-dependent part of a mask: after the last ':' ({@code v1:HEX}, {@code v2:KEYID:CIPHERTEXT}). */
    static String distinctive(String mask) {
        return mask.substring(mask.lastIndexOf(':') + 1);
    }

    /**
     * A short form of a mask for a table cell: the scheme and the first 8 characters of its
     * value-dependent part ({@code v1:abababab…}, {@code v2:Qm9vb2xl…}); a {@code v2:} key id is left out.
     */
    public static String shortMask(String mask) {
        if (mask == null) {
            return "";
        }
        int scheme = mask.indexOf(':');
        String value = distinctive(mask);
        String prefix = scheme < 0 ? "" : mask.substring(0, scheme + 1);
        return value.length() > 8 ? prefix + value.substring(0, 8) + "…" : prefix + value;
    }
}
