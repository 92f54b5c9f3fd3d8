package dev.drainboard.config;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.daead.AesSivKey;
import com.google.crypto.tink.daead.AesSivParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * A Tink keyset of AES-256-SIV keys for the {@code siv} mask scheme, checked on construction: every
 * key is AES-SIV with 64-byte keys and no Tink output prefix (the mask text carries the key id
 * itself, and the five prefix bytes would not fit {@code varchar(256)}). {@link #toString()} never
 * shows key material.
 */
public final class SivKeyset {
    /** One key of the set as it may be shown: its id and whether new masks use it. */
    public record KeyInfo(int id, boolean primary, String status) {
    }

    private final KeysetHandle handle;
    private final String source;

    public SivKeyset(KeysetHandle handle, String source) {
        this.handle = handle;
        this.source = source;
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry e = handle.getAt(i);
            if (!(e.getKey() instanceof AesSivKey key)) {
                throw new ConfigException("The SIV keyset " + source + " holds a key of another type ("
                        + e.getKey().getClass().getSimpleName() + "). Drainboard needs AES-SIV keys; use "
                        + "`drainboard keys create` or Tinkey's AES256_SIV_RAW template.");
            }
            AesSivParameters p = key.getParameters();
            if (p.getKeySizeBytes() != 64 || p.getVariant() != AesSivParameters.Variant.NO_PREFIX) {
                throw new ConfigException("The SIV keyset " + source + " holds a key that is not AES256_SIV_RAW ("
                        + p.getKeySizeBytes() + "-byte key, variant " + p.getVariant() + "). Drainboard needs "
                        + "64-byte keys without a Tink prefix; use `drainboard keys create` or Tinkey's "
                        + "AES256_SIV_RAW template.");
            }
        }
        if (handle.getPrimary().getStatus() != KeyStatus.ENABLED) {
            throw new ConfigException("The primary key of the SIV keyset " + source + " is not enabled.");
        }
    }

    public KeysetHandle handle() {
        return handle;
    }

    /** Where the keyset came from: the keyset file path or {@code DRAINBOARD_SIV_KEYSET}. */
    public String source() {
        return source;
    }

    public int primaryId() {
        return handle.getPrimary().getId();
    }

    /** The keys in keyset order, without their material. */
    public List<KeyInfo> keys() {
        List<KeyInfo> out = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry e = handle.getAt(i);
            out.add(new KeyInfo(e.getId(), e.isPrimary(), e.getStatus().toString()));
        }
        return out;
    }

    @Override
    public String toString() {
        return "SivKeyset[" + handle.size() + " keys, primary " + Integer.toHexString(primaryId()) + ", source="
                + source + "]";
    }
}
