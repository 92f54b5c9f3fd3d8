package dev.drainboard.transform;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import dev.drainboard.model.Unmasked;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reveals {@code v2:} masks with any key of a keyset, so rows masked before a rotation stay
 * recoverable. {@code v1:} masks are HMACs: one-way by design, so they are reported as such and
 * never "revealed". Never throws for a bad mask; the {@link Unmasked} outcome says what happened.
 * Thread-safe.
 */
public final class Unmasker {
    private static final Pattern V2 = Pattern.compile("v2:([0-9a-f]{8}):([A-Za-z0-9_-]+)");
    static final String ONE_WAY = "v1 masks are one-way (HMAC): no key can reveal them, only test a guess";

    private final Map<Integer, DeterministicAead> keys = new HashMap<>();

    public Unmasker(KeysetHandle keyset) {
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry e = keyset.getAt(i);
            keys.put(e.getId(), SivMasker.primitive(e));
        }
    }

    /** The original value behind {@code mask}, which was stored for {@code field} (ip or device_id). */
    public Unmasked unmask(String field, String mask) {
        if (mask == null) {
            return new Unmasked(Unmasked.Outcome.NULL, null, "null");
        }
        if (mask.startsWith(HmacMasker.PREFIX)) {
            return new Unmasked(Unmasked.Outcome.ONE_WAY, null, ONE_WAY);
        }
        Matcher m = V2.matcher(mask);
        if (!m.matches()) {
            return new Unmasked(Unmasked.Outcome.UNRECOGNIZED, null, "not a Drainboard mask (expected v1: or v2:)");
        }
        String keyId = m.group(1);
        DeterministicAead key = keys.get(Integer.parseUnsignedInt(keyId, 16));
        if (key == null) {
            return new Unmasked(Unmasked.Outcome.KEY_NOT_IN_KEYSET, null, "masked with key " + keyId
                    + ", which this keyset does not hold (another or an older copy of the keyset?)");
        }
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(m.group(2));
            byte[] plain = key.decryptDeterministically(sealed, field.getBytes(StandardCharsets.UTF_8));
            return Unmasked.revealed(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new Unmasked(Unmasked.Outcome.DOES_NOT_DECRYPT, null, "does not decrypt with key " + keyId
                    + " as a " + field + ": the mask was altered or belongs to another column");
        }
    }
}
