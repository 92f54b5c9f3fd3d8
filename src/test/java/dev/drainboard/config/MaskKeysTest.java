package dev.drainboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskKeysTest {

    @Test
    void aKeyFileIsCreatedOnFirstUseOwnerOnlyAndReusedAfter(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub").resolve("mask.key");

        MaskKey first = MaskKeys.loadOrCreate(file);
        MaskKey again = MaskKeys.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again).isEqualTo(first);
        assertThat(first.fingerprint()).matches("[0-9a-f]{8}");
        assertThat(first.toString()).doesNotContain(Files.readString(file).trim());
    }

    @Test
    void aKeyFileOthersCanReadIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mask.key");
        MaskKeys.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> MaskKeys.loadOrCreate(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("can be read or written by other users")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void aDamagedKeyFileIsRefusedRatherThanReplaced(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mask.key");
        Files.writeString(file, "dG9vIHNob3J0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> MaskKeys.loadOrCreate(file)).hasMessageContaining("holds 9 bytes");
        assertThat(Files.readString(file)).isEqualTo("dG9vIHNob3J0\n");
    }
}
