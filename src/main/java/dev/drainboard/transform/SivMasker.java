package dev.drainboard.transform;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.daead.AesSivKey;
import com.google.crypto.tink.subtle.AesSiv;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The recoverable masking scheme {@code v2}: {@code "v2:" + keyId + ":" + base64url(AES-SIV(key,
 * ad = utf8(field), utf8(value)))}, where {@code keyId} is the Tink key id of the keyset's primary
 * key as 8 hex digits. AES-SIV (RFC 5297) is deterministic, so equal values still give equal masks
 * and duplicates stay matchable; it is authenticated, so a mask that was altered, or moved to the
 * other column (the field name is the associated data), does not decrypt. Anyone holding the
 * keyset can reveal a value with {@link Unmasker}.
 *
 * <p>Size: the prefix takes 12 characters, leaving 244 base64url characters = 183 bytes of
 * ciphertext = 16 (the SIV) + 167 bytes of value. So {@link #MAX_INPUT_BYTES} is 167 UTF-8 bytes
 * (IPs are at most 45; a 256-character device id does not fit, and the parser rejects it).
 *
 * <p>Thread-safe: Tink's {@code AesSiv} keeps no state between calls.
 */
public final class SivMasker implements Masker {
    public static final String PREFIX = "v2:";
    /** Longest value whose mask fits {@code varchar(256)}; see the class comment for the arithmetic. */
    public static final int MAX_INPUT_BYTES = 167;

    private final int keyId;
    private final DeterministicAead primary;

    /** Masks with the primary key of {@code keyset}, which must hold AES-SIV keys. */
    public SivMasker(KeysetHandle keyset) {
        KeysetHandle.Entry entry = keyset.getPrimary();
        this.keyId = entry.getId();
        this.primary = primitive(entry);
    }

    @Override
    public String mask(String field, String value) {
        if (value == null) {
            return null;
        }
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        if (plain.length > MAX_INPUT_BYTES) {
            throw new IllegalArgumentException("a " + field + " of " + plain.length + " bytes does not fit a v2 mask "
                    + "(at most " + MAX_INPUT_BYTES + "); the parser should have rejected it");
        }
        try {
            byte[] sealed = primary.encryptDeterministically(plain, field.getBytes(StandardCharsets.UTF_8));
            return PREFIX + keyIdText(keyId) + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-SIV failed to encrypt", e);
        }
    }

    @Override
    public int maxInputBytes() {
        return MAX_INPUT_BYTES;
    }

    /** The key id as it appears in a mask: 8 lower-case hex digits (Tink ids are unsigned 32-bit). */
    public static String keyIdText(int keyId) {
        return String.format("%08x", keyId);
    }

    static DeterministicAead primitive(KeysetHandle.Entry entry) {
        if (!(entry.getKey() instanceof AesSivKey key)) {
            throw new IllegalArgumentException("key " + keyIdText(entry.getId()) + " is not an AES-SIV key");
        }
        try {
            return AesSiv.create(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key " + keyIdText(entry.getId()) + " cannot be used for AES-SIV", e);
        }
    }
}
