package dev.drainboard.transform;

import java.util.Locale;

/**
 * The one spelling of an address that is masked, so that equal addresses get equal masks: IPv4 as
 * a dotted quad of decimal numbers 0-255 without leading zeros (a leading zero is refused, since
 * some parsers read {@code 010} as octal 8), IPv6 in the RFC 5952 form (lower case, no leading
 * zeros, the longest run of two or more zero groups as {@code ::}, an IPv4-mapped address as
 * {@code ::ffff:a.b.c.d}), an optional zone ({@code %eth0}) kept as given. An input already in
 * that form is returned unchanged, so its mask is what it always was.
 */
public final class IpAddresses {
    /** Why a value is not an address, or the canonical address. Exactly one is non-null. */
    public record Result(String canonical, String problem) {
    }

    private IpAddresses() {
    }

    public static Result canonical(String s) {
        if (s == null || s.isEmpty()) {
            return bad("is not an IPv4 or IPv6 address");
        }
        if (s.indexOf(':') < 0) {
            int[] q = new int[4];
            String p = ipv4(s, q);
            return p == null ? new Result(s, null) : bad(p);
        }
        String zone = "";
        int pct = s.indexOf('%');
        String addr = s;
        if (pct >= 0) {
            zone = s.substring(pct);
            addr = s.substring(0, pct);
            if (!zone.matches("%[0-9A-Za-z._~-]{1,15}")) {
                return bad("is not an IPv4 or IPv6 address");
            }
        }
        int[] groups = ipv6(addr);
        if (groups == null) {
            return bad("is not an IPv4 or IPv6 address");
        }
        return new Result(format(groups) + zone, null);
    }

    private static Result bad(String why) {
        return new Result(null, why);
    }

    /** Parses a dotted quad into {@code out}; returns why it is not one, or null. */
    private static String ipv4(String s, int[] out) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return "is not an IPv4 or IPv6 address";
        }
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return "is not an IPv4 or IPv6 address";
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return "is not an IPv4 or IPv6 address";
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                return "has an IPv4 part with a leading zero, which some parsers read as octal";
            }
            out[i] = v;
        }
        return null;
    }

    /** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
    private static int[] ipv6(String s) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        int[] h = groups(head, dc < 0);
        int[] t = dc >= 0 ? groups(tail, true) : new int[0];
        if (h == null || t == null) {
            return null;
        }
        int n = h.length + t.length;
        if (dc < 0 ? n != 8 : n > 7) {
            return null;
        }
        int[] out = new int[8];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, 8 - t.length, t.length);
        return out;
    }

    /** Colon-separated hex groups; the last may be a dotted quad (two groups) when {@code last}. */
    private static int[] groups(String s, boolean last) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && last && p.indexOf('.') >= 0) {
                int[] q = new int[4];
                if (ipv4(p, q) != null) {
                    return null;
                }
                out[n++] = q[0] << 8 | q[1];
                out[n++] = q[2] << 8 | q[3];
            } else {
                if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                    return null;
                }
                out[n++] = Integer.parseInt(p, 16);
            }
        }
        int[] r = new int[n];
        System.arraycopy(out, 0, r, 0, n);
        return r;
    }

    /** RFC 5952 section 4 (and 5 for IPv4-mapped addresses). */
    private static String format(int[] g) {
        boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
        int count = mapped ? 6 : 8;
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < count; i++) {
            int j = i;
            while (j < count && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        if (mapped) {
            if (b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(g[6] >> 8).append('.').append(g[6] & 0xff).append('.').append(g[7] >> 8).append('.')
                    .append(g[7] & 0xff);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
