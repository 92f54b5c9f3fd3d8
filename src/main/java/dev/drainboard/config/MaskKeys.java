package dev.drainboard.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Finds the mask key: {@code DRAINBOARD_MASK_KEY} when set, otherwise {@code <data-dir>/mask.key},
 * created on first use with 32 random bytes and owner-only permissions. A key file that other
 * users can read is refused.
 */
public final class MaskKeys {
    public static final String FILE_NAME = "mask.key";

    private MaskKeys() {
    }

    public static MaskKey load(AppConfig config) {
        if (config.maskKeyBase64().isPresent()) {
            return new MaskKey(Base64.getDecoder().decode(config.maskKeyBase64().get()), ConfigKey.MASK_KEY.env());
        }
        return loadOrCreate(config.dataDir().resolve(FILE_NAME));
    }

    public static MaskKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            OwnerOnlyFiles.checkOwnerOnly(file, "key file");
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("The key file " + file + " is not base64. Restore it from your backup; "
                        + "a new key would give different masks than the rows already stored.");
            }
            if (bytes.length != MaskKey.LENGTH) {
                throw new ConfigException("The key file " + file + " holds " + bytes.length + " bytes, not "
                        + MaskKey.LENGTH + ". Restore it from your backup.");
            }
            return new MaskKey(bytes, file.toString());
        } catch (IOException e) {
            throw new ConfigException("Cannot read or create the key file " + file + ": " + e.getMessage()
                    + ". Check the folder's permissions or set DRAINBOARD_MASK_KEY.", e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[MaskKey.LENGTH];
        new SecureRandom().nextBytes(key);
        OwnerOnlyFiles.createNew(file, (Base64.getEncoder().encodeToString(key) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
    }
}
