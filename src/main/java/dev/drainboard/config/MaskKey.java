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
        this.bytes = bytes.clone();
        this.source = source;
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
