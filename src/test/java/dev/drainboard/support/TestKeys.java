package dev.drainboard.support;

import java.util.Base64;

/** A fixed, public test key: bytes 0..31. Never use outside tests. */
public final class TestKeys {
    public static final byte[] BYTES = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            BYTES[i] = (byte) i;
        }
    }

    public static final String BASE64 = Base64.getEncoder().encodeToString(BYTES);

    private TestKeys() {
    }
}
