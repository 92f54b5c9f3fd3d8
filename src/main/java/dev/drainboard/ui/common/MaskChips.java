package dev.drainboard.ui.common;

/**
 * How a mask looks in a table: a stable colour chip (equal masks, equal colours) and a short form.
 * Shared by the preview, committed and reveal tables.
 */
public final class MaskChips {
    private MaskChips() {
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
    public static String distinctive(String mask) {
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
