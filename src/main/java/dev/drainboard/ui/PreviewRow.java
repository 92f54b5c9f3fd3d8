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
     * A stable hue (0-360) for a mask, so equal masks get equal colour chips; -1 for none. A mask's
     * hex digits are already uniformly spread, so its first four digits pick the hue.
     */
    public static double hueOf(String mask) {
        return mask == null ? -1 : digits(mask, 0, 4) % 360;
    }

    /** A second stable coordinate (0-1) for a mask's chip, so masks of one hue still differ in shade. */
    public static double shadeOf(String mask) {
        return mask == null ? 0 : digits(mask, 4, 2) / 255.0;
    }

    private static int digits(String mask, int from, int count) {
        String hex = mask.substring(mask.indexOf(':') + 1);
        try {
            return Integer.parseInt(hex.substring(from, from + count), 16);
        } catch (RuntimeException e) {
            return Math.floorMod(mask.hashCode() >> from, 1 << (4 * count));
        }
    }

    /** A short form of a mask for a table cell: scheme and the first 8 hex digits. */
    public static String shortMask(String mask) {
        if (mask == null) {
            return "";
        }
        int colon = mask.indexOf(':');
        int end = Math.min(mask.length(), colon + 1 + 8);
        return end < mask.length() ? mask.substring(0, end) + "…" : mask;
    }
}
