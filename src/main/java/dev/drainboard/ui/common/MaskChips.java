package dev.drainboard.ui.common;

/**
 * How a mask looks in a table: a stable colour chip (equal masks, equal colours) and a short form.
 * Shared by the preview, committed and reveal tables.
 */
public final class MaskChips {
    private MaskChips() {
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
