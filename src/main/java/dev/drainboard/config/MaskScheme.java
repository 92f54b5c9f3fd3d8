package dev.drainboard.config;

import java.util.Locale;

/**
 * How {@code ip} and {@code device_id} are masked, chosen once per deployment. Both are
 * deterministic (equal values give equal masks, so duplicates stay matchable); they differ in
 * whether anyone can ever get the value back.
 */
public enum MaskScheme {
    /** {@code v1:} keyed HMAC-SHA256. One-way: nobody, not even the key holder, can reveal a value. */
    HMAC("hmac", "v1:"),
    /** {@code v2:} AES-SIV with a Tink keyset. Whoever holds the keyset can reveal a value. */
    SIV("siv", "v2:");

    private final String setting;
    private final String prefix;

    MaskScheme(String setting, String prefix) {
        this.setting = setting;
        this.prefix = prefix;
    }

    /** The value of {@code DRAINBOARD_MASK_SCHEME} that selects this scheme. */
    public String setting() {
        return setting;
    }

    /** The prefix every mask of this scheme starts with. */
    public String prefix() {
        return prefix;
    }

    /** The scheme named by a setting value (case-insensitive), or null when there is none. */
    public static MaskScheme fromSetting(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (MaskScheme s : values()) {
            if (s.setting.equals(v)) {
                return s;
            }
        }
        return null;
    }
}
