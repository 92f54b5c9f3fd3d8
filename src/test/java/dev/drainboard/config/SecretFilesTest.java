package dev.drainboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files that hold secrets: a settings file with a secret in it must be owner-only like the key
 * file; new key and keyset files reach the disk with their folder before they are used; a
 * degenerate mask key is refused.
 */
class SecretFilesTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreSyncer() {
        OwnerOnlyFiles.syncer = OwnerOnlyFiles.FSYNC;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mask-key", "db-password", "siv-keyset"})
    void aSettingsFileHoldingASecretIsRefusedWhenOthersCanReadIt(String key) throws Exception {
        Path file = dir.resolve("drainboard.properties");
        Files.writeString(file, key + "=something-secret\nworkers=2\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> ConfigLoader.readProperties(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("chmod 600 " + file).hasMessageContaining(key)
                .hasMessageNotContaining("something-secret");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ConfigLoader.readProperties(file).getProperty(key)).isEqualTo("something-secret");
    }

    @Test
    void aSettingsFileWithoutSecretsMayBeReadableByOthers() throws Exception {
        Path file = dir.resolve("drainboard.properties");
        Files.writeString(file, "workers=2\nqueue=login-queue\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(ConfigLoader.readProperties(file).getProperty("workers")).isEqualTo("2");
    }

    @Test
    void aNewKeyFileIsSyncedBeforeItsNameAndThenItsFolder() throws Exception {
        List<Path> synced = new ArrayList<>();
        OwnerOnlyFiles.syncer = p -> {
            synced.add(p);
            OwnerOnlyFiles.FSYNC.sync(p);
        };
        Path keyFile = dir.resolve("data").resolve(MaskKeys.FILE_NAME);

        MaskKeys.loadOrCreate(keyFile);

        assertThat(synced).hasSize(2);
        assertThat(synced.get(0).getFileName().toString()).startsWith(MaskKeys.FILE_NAME + ".").endsWith(".tmp");
        assertThat(synced.get(1)).isEqualTo(keyFile.toAbsolutePath().getParent());
    }

    @Test
    void aNewAndARotatedKeysetFileAreSyncedWithTheirFolder() throws Exception {
        List<Path> synced = new ArrayList<>();
        OwnerOnlyFiles.syncer = p -> {
            synced.add(p);
            OwnerOnlyFiles.FSYNC.sync(p);
        };
        AppConfig c = new ConfigLoader(Map.of(ConfigKey.DATA_DIR, dir.toString()), Map.of(), new Properties()).load();

        SivKeysets.create(c);
        SivKeysets.rotate(c);

        assertThat(synced).hasSize(4);
        assertThat(synced.get(1)).isEqualTo(dir.toAbsolutePath());
        assertThat(synced.get(3)).isEqualTo(dir.toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zeros", "ones", "one-byte", "pattern"})
    void aDegenerateMaskKeyIsRefusedFromTheFileAndFromTheSetting(String kind) throws Exception {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = switch (kind) {
                case "zeros" -> 0;
                case "ones" -> (byte) 0xff;
                case "one-byte" -> 0x41;
                default -> (byte) "abcd".charAt(i % 4);
            };
        }
        String b64 = Base64.getEncoder().encodeToString(key);
        Path keyFile = dir.resolve(MaskKeys.FILE_NAME);
        Files.writeString(keyFile, b64 + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> MaskKeys.loadOrCreate(keyFile)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not random").hasMessageNotContaining(b64);
        assertThatThrownBy(() -> new ConfigLoader(Map.of(ConfigKey.MASK_KEY, b64), Map.of(), new Properties()).load())
                .isInstanceOf(ConfigException.class).hasMessageContaining("not random")
                .hasMessageNotContaining(b64);
    }
}
