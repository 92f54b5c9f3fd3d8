package dev.drainboard.support;

import com.google.crypto.tink.KeysetHandle;
import dev.drainboard.config.SivKeysets;

/** Fixed, public SIV keysets (Tink JSON, AES256_SIV_RAW). Never use outside tests. */
public final class TestKeysets {
    /** One key, id 0xf5dd77b4. */
    public static final String ONE = "{\"primaryKeyId\":4124932020,\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesSivKey\",\"value\":\"EkAh8PCsdX4lb2RBWrFPiMi1FNZT6FJN2ZZPQ5qF52kg9Hgac3q3dhep3QTjNdvVK4quUWDdyRdo9tgVqJhI/5HD\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":4124932020,\"outputPrefixType\":\"RAW\"}]}";

    /** {@link #ONE} after one rotation: the same first key, plus a new primary. */
    public static final String ROTATED = "{\"primaryKeyId\":2566111226,\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesSivKey\",\"value\":\"EkAh8PCsdX4lb2RBWrFPiMi1FNZT6FJN2ZZPQ5qF52kg9Hgac3q3dhep3QTjNdvVK4quUWDdyRdo9tgVqJhI/5HD\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":4124932020,\"outputPrefixType\":\"RAW\"},{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesSivKey\",\"value\":\"EkCCs/toRNta4Pv1mxoROkXE3FrF2EW8PQzjkntR7ewr0ilGSwP3eKIOpJYXCGvGfh0XTX4VEGtmwjUq4LEGyxBF\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":2566111226,\"outputPrefixType\":\"RAW\"}]}";

    /** An unrelated keyset. */
    public static final String OTHER = "{\"primaryKeyId\":765905879,\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesSivKey\",\"value\":\"EkBhwHZ18V3fruu1Unhc8w0qU34afCzLpgvuuBG5J9gLpXHX+N58Tt3Os+OE4SQdd2dcFsSrDmAyNxDAqyIGcmXL\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":765905879,\"outputPrefixType\":\"RAW\"}]}";

    private TestKeysets() {
    }

    public static KeysetHandle handle(String json) {
        return SivKeysets.parse(json, "test keyset").handle();
    }
}
