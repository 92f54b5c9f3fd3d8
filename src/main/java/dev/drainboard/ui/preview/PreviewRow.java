package dev.drainboard.ui.preview;

import dev.drainboard.model.Batch;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.model.QueueSetup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the preview table, made for display: a parsed, masked row of the batch in hand with
 * its repeat counts (rejected messages are {@link PreviewRejection}s). Holds no raw field value:
 * masks come from {@link MaskedLogin}.
 *
 * @param ipRepeats     rows of this batch with the same masked ip (1 = unique, 0 = no ip)
 * @param deviceRepeats rows of this batch with the same masked device id
 * @param ipSeen        rows already in PostgreSQL with this masked ip
 * @param deviceSeen    rows already in PostgreSQL with this masked device id
 * @param receiveCount  the message's {@code ApproximateReceiveCount} (this receive included)
 * @param receives      the receive count in words: "2 of 5 receives before SQS moves it to logins-dlq"
 *                      with a redrive policy, else "received 2×"
 */
public record PreviewRow(String messageId, String userId, String deviceType, String maskedIp,
                         String maskedDeviceId, String locale, String appVersion, String createDate,
                         int ipRepeats, int deviceRepeats, long ipSeen, long deviceSeen, int receiveCount,
                         String receives) {

    /** A row whose receive count is not known. */
    public PreviewRow(String messageId, String userId, String deviceType, String maskedIp, String maskedDeviceId,
                      String locale, String appVersion, String createDate, int ipRepeats, int deviceRepeats,
                      long ipSeen, long deviceSeen) {
        this(messageId, userId, deviceType, maskedIp, maskedDeviceId, locale, appVersion, createDate, ipRepeats,
                deviceRepeats, ipSeen, deviceSeen, 0, "");
    }

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

    /** The parsed rows of a fetched batch, each with its repeat counts. */
    public static List<PreviewRow> of(Batch batch, Map<String, Long> ipSeen, Map<String, Long> deviceSeen) {
        return of(batch, ipSeen, deviceSeen, null);
    }

    /** The same, each with its receive count as {@code setup} explains it (null: no explanation). */
    public static List<PreviewRow> of(Batch batch, Map<String, Long> ipSeen, Map<String, Long> deviceSeen,
                                      QueueSetup setup) {
        Map<String, Integer> counts = new HashMap<>();
        batch.messages().forEach(m -> counts.put(m.messageId(), m.receiveCount()));
        Map<String, Integer> ips = tally(batch.rows(), true);
        Map<String, Integer> devices = tally(batch.rows(), false);
        List<PreviewRow> out = new ArrayList<>(batch.rows().size());
        for (MaskedLogin r : batch.rows()) {
            out.add(new PreviewRow(r.messageId(), r.userId(), r.deviceType(), r.maskedIp(), r.maskedDeviceId(),
                    r.locale(), r.appVersion(), r.createDate() == null ? null : r.createDate().toString(),
                    r.maskedIp() == null ? 0 : ips.get(r.maskedIp()),
                    r.maskedDeviceId() == null ? 0 : devices.get(r.maskedDeviceId()),
                    r.maskedIp() == null ? 0 : ipSeen.getOrDefault(r.maskedIp(), 0L),
                    r.maskedDeviceId() == null ? 0 : deviceSeen.getOrDefault(r.maskedDeviceId(), 0L),
                    counts.getOrDefault(r.messageId(), 0),
                    setup == null ? "" : setup.receiveCountText(counts.getOrDefault(r.messageId(), 0))));
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
}
