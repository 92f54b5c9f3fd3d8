package dev.drainboard.transform;

import dev.drainboard.model.LoginEvent;
import dev.drainboard.model.MaskFacts;
import dev.drainboard.model.MaskedLogin;
import java.util.Set;

/**
 * Replaces the PII fields {@code ip} and {@code device_id} of a login with masks. Implementations
 * are deterministic for one key (equal inputs give equal masks, so duplicates stay matchable),
 * keyed (nobody without the key can compute or invert a mask), and thread-safe.
 */
public interface Masker {
    String FIELD_IP = "ip";
    String FIELD_DEVICE_ID = "device_id";

    /** The mask of one field value; {@code null} stays {@code null}. */
    String mask(String field, String value);

    /**
     * The longest value, in UTF-8 bytes, whose mask fits the {@code varchar(256)} columns; longer
     * values must be rejected before masking (see {@code LoginParser(int)}). No limit by default.
     */
    default int maxInputBytes() {
        return Integer.MAX_VALUE;
    }

    /** A copy of the login with {@code ip} and {@code device_id} masked and every other field untouched. */
    default MaskedLogin apply(LoginEvent e) {
        return new MaskedLogin(e.messageId(), e.userId(), e.deviceType(), mask(FIELD_IP, e.ip()),
                mask(FIELD_DEVICE_ID, e.deviceId()), e.locale(), e.appVersion(), e.createDate(),
                MaskFacts.of(e, Set.of(FIELD_IP, FIELD_DEVICE_ID), Set.of()));
    }
}
