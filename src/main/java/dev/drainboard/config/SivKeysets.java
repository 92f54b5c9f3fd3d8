package dev.drainboard.config;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.daead.AesSivParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Finds, creates and rotates the SIV keyset: {@code DRAINBOARD_SIV_KEYSET} (Tink JSON) when set,
 * otherwise {@code <data-dir>/siv-keyset.json}, a cleartext Tink keyset written owner-only. A keyset
 * file that other users can read is refused; a damaged one is never replaced (a new keyset could
 * not reveal the rows already stored).
 */
public final class SivKeysets {
    public static final String FILE_NAME = "siv-keyset.json";
    private static final String WHAT = "SIV keyset file";
    private static final AesSivParameters AES256_SIV_RAW;

    static {
        try {
            DeterministicAeadConfig.register();
            AES256_SIV_RAW = AesSivParameters.builder().setKeySizeBytes(64)
                    .setVariant(AesSivParameters.Variant.NO_PREFIX).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AES-SIV is not available", e);
        }
    }

    private SivKeysets() {
    }

    public static Path file(AppConfig config) {
        return config.dataDir().resolve(FILE_NAME);
    }

    /** The keyset for masking: from the setting, else the keyset file, created on first use. */
    public static SivKeyset loadOrCreate(AppConfig config) {
        Path file = file(config);
        if (config.sivKeysetJson().isEmpty() && !Files.exists(file)) {
            try {
                OwnerOnlyFiles.createNew(file, serialize(KeysetHandle.generateNew(AES256_SIV_RAW)));
            } catch (IOException e) {
                throw cannotWrite(file, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Tink could not generate an AES-SIV key", e);
            }
        }
        return loadExisting(config).orElseThrow();
    }

    /** The keyset when there is one; never creates one (revealing needs the keyset that masked). */
    public static Optional<SivKeyset> loadExisting(AppConfig config) {
        if (config.sivKeysetJson().isPresent()) {
            return Optional.of(parse(config.sivKeysetJson().get(), ConfigKey.SIV_KEYSET.env()));
        }
        Path file = file(config);
        try {
            OwnerOnlyFiles.checkOwnerOnly(file, WHAT);
            return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigException("Cannot read the " + WHAT + " " + file + ": " + e.getMessage()
                    + ". Check its permissions (it must belong to the user running Drainboard).", e);
        }
    }

    /** Creates the keyset file; refuses when a keyset is already configured or present. */
    public static SivKeyset create(AppConfig config) {
        refuseEnvKeyset(config, "create");
        Path file = file(config);
        try {
            if (Files.exists(file)
                    || !OwnerOnlyFiles.createNew(file, serialize(KeysetHandle.generateNew(AES256_SIV_RAW)))) {
                throw new ConfigException("A SIV keyset already exists at " + file + "; nothing was changed. "
                        + "Use `drainboard keys rotate` to add a new key.");
            }
        } catch (IOException e) {
            throw cannotWrite(file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not generate an AES-SIV key", e);
        }
        return loadExisting(config).orElseThrow();
    }

    /**
     * Adds a new key and makes it primary: new rows are masked with it, and every older key stays
     * in the set so the rows it masked can still be revealed. The file is replaced atomically.
     */
    public static SivKeyset rotate(AppConfig config) {
        refuseEnvKeyset(config, "rotate");
        Path file = file(config);
        SivKeyset current = loadExisting(config).orElseThrow(() -> new ConfigException("There is no SIV keyset at "
                + file + " to rotate. Create one with `drainboard keys create`, or drain once with "
                + "--mask-scheme=siv."));
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(current.handle())
                    .addEntry(KeysetHandle.generateEntryFromParameters(AES256_SIV_RAW).withRandomId().makePrimary())
                    .build();
            OwnerOnlyFiles.replace(file, serialize(rotated));
        } catch (IOException e) {
            throw cannotWrite(file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not add a key to the keyset", e);
        }
        return loadExisting(config).orElseThrow();
    }

    /** Parses a cleartext Tink JSON keyset; {@code source} names it in error messages. */
    public static SivKeyset parse(String json, String source) {
        KeysetHandle handle;
        try {
            handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ConfigException("The SIV keyset in " + source + " is not a valid Tink JSON keyset ("
                    + e.getMessage() + "). Restore it from your backup: without it, v2: masks cannot be revealed.");
        }
        return new SivKeyset(handle, source);
    }

    private static byte[] serialize(KeysetHandle handle) throws GeneralSecurityException {
        return (TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void refuseEnvKeyset(AppConfig config, String verb) {
        if (config.sivKeysetJson().isPresent()) {
            throw new ConfigException("The SIV keyset comes from " + ConfigKey.SIV_KEYSET.env() + "; Drainboard "
                    + "cannot " + verb + " it there. Unset it to use the keyset file, or change it where it is kept.");
        }
    }

    private static ConfigException cannotWrite(Path file, IOException e) {
        return new ConfigException("Cannot write the " + WHAT + " " + file + ": " + e.getMessage()
                + ". Check the folder's permissions or set " + ConfigKey.SIV_KEYSET.env() + ".", e);
    }
}
