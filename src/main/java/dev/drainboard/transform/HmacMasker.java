package dev.drainboard.transform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The default masking scheme {@code v1}: {@code "v1:" + hex(HMAC-SHA256(key, utf8(field) || 0x00 ||
 * utf8(value))[0..16))}. The field name in the input keeps an ip and a device id with the same text
 * from sharing a mask; 128 bits of output keep collisions out of reach for any realistic table.
 * One-way: not even the key holder can recover the value, only test a guess.
 */
public final class HmacMasker implements Masker {
    public static final String PREFIX = "v1:";
    private static final int OUTPUT_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final ThreadLocal<Mac> macs;

    public HmacMasker(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the HMAC key must have at least 32 bytes");
        }
        SecretKeySpec spec = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
            }
        });
    }

    @Override
    public String mask(String field, String value) {
        if (value == null) {
            return null;
        }
        Mac mac = macs.get();
        mac.update(field.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(digest, 0, OUTPUT_BYTES);
    }
}
