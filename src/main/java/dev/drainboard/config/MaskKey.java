package dev.drainboard.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 32-byte secret behind every mask. {@link #toString()} and {@link #fingerprint()} never show
 * the key itself; the fingerprint is what the console and the logs display.
 */
public final class MaskKey {
    public static final int LENGTH = 32;
    private final byte[] bytes;
    private final String source;

    public MaskKey(byte[] bytes, String source) {
        if (bytes.length != LENGTH) {
            throw new ConfigException("A mask key must be " + LENGTH + " bytes, got " + bytes.length);
        }
        if (isDegenerate(bytes)) {
            throw new ConfigException("The mask key from " + source + " is not random (all zero, or only "
                    + distinct(bytes) + " different byte values): anyone could guess it and test masks. Use 32 "
                    + "random bytes, e.g. `openssl rand -base64 32`.");
        }
        this.bytes = bytes.clone();
        this.source = source;
    }

    /**
     * True for a key nobody should use: fewer than {@value #MIN_DISTINCT} different byte values
     * (all zero, one byte repeated, a short pattern). 32 random bytes have about 30; the chance
     * that they have fewer than 8 is below 10^-20.
     */
    public static boolean isDegenerate(byte[] key) {
        return distinct(key) < MIN_DISTINCT;
    }

    private static final int MIN_DISTINCT = 8;

    private static int distinct(byte[] key) {
        boolean[] seen = new boolean[256];
        int n = 0;
        for (byte b : key) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                n++;
            }
        }
        return n;
    }

    /** A copy of the key bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Where the key came from, e.g. "DRAINBOARD_MASK_KEY" or the key file path. */
    public String source() {
        return source;
    }

    /**
     * Eight hex digits identifying the key: the start of SHA-256 over a fixed label and the key.
     * Two installations share masks exactly when their fingerprints match.
     */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("drainboard-mask-key-fingerprint".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(bytes), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskKey k && MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fingerprint().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "MaskKey[fingerprint=" + fingerprint() + ", source=" + source + "]";
    }
}
