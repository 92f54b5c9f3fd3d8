package dev.drainboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import dev.drainboard.model.Unmasked;
import dev.drainboard.support.TestKeysets;
import dev.drainboard.transform.SivMasker;
import dev.drainboard.transform.Unmasker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SivKeysetsTest {

    private static AppConfig config(Path dataDir, Map<String, String> env) {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.DATA_DIR, dataDir.toString());
        flags.put(ConfigKey.MASK_SCHEME, "siv");
        return new ConfigLoader(flags, env, new Properties()).load();
    }

    private static AppConfig config(Path dataDir) {
        return config(dataDir, Map.of());
    }

    @Test
    void aKeysetIsCreatedOnFirstUseOwnerOnlyAndReusedAfter(@TempDir Path dir) throws Exception {
        AppConfig c = config(dir.resolve("sub"));

        SivKeyset first = SivKeysets.loadOrCreate(c);
        SivKeyset again = SivKeysets.loadOrCreate(c);
        Path file = dir.resolve("sub").resolve("siv-keyset.json");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again.primaryId()).isEqualTo(first.primaryId());
        assertThat(first.keys()).hasSize(1);
        assertThat(new SivMasker(again.handle()).mask("ip", "10.0.0.7"))
                .isEqualTo(new SivMasker(first.handle()).mask("ip", "10.0.0.7"));
        assertThat(first.toString()).doesNotContain(Files.readString(file).substring(60, 90));
        assertThat(dir.resolve("sub").toFile().list()).containsExactly("siv-keyset.json");
    }

    @Test
    void revealingNeverCreatesAKeyset(@TempDir Path dir) {
        assertThat(SivKeysets.loadExisting(config(dir))).isEmpty();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aKeysetFileOthersCanReadIsRefused(@TempDir Path dir) throws Exception {
        AppConfig c = config(dir);
        SivKeysets.loadOrCreate(c);
        Files.setPosixFilePermissions(SivKeysets.file(c), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> SivKeysets.loadOrCreate(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SIV keyset file").hasMessageContaining("can be read or written by other users")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void aDamagedKeysetIsRefusedRatherThanReplaced(@TempDir Path dir) throws Exception {
        AppConfig c = config(dir);
        Path file = SivKeysets.file(c);
        Files.writeString(file, "{\"primaryKeyId\": 1, \"key\": [");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> SivKeysets.loadOrCreate(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not a valid Tink JSON keyset").hasMessageContaining("Restore it");
        assertThat(Files.readString(file)).isEqualTo("{\"primaryKeyId\": 1, \"key\": [");
    }

    @Test
    void anUnreadableKeysetFailsWithAReadableMessage(@TempDir Path dir) throws Exception {
        AppConfig c = config(dir);
        // a directory in its place: unreadable as a file even for root, who reads any file
        Files.createDirectory(SivKeysets.file(c),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        assertThatThrownBy(() -> SivKeysets.loadExisting(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Cannot read the SIV keyset file");
    }

    @Test
    void aKeysetWithTinkPrefixedKeysIsRefusedSinceItsMasksWouldNotFit(@TempDir Path dir) throws Exception {
        String prefixed = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV), InsecureSecretKeyAccess.get());

        assertThatThrownBy(() -> SivKeysets.loadExisting(config(dir, Map.of("DRAINBOARD_SIV_KEYSET", prefixed))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DRAINBOARD_SIV_KEYSET")
                .hasMessageContaining("not AES256_SIV_RAW");
    }

    @Test
    void theEnvironmentKeysetWinsAndIsNeverRotatedOrWritten(@TempDir Path dir) {
        AppConfig c = config(dir, Map.of("DRAINBOARD_SIV_KEYSET", TestKeysets.ONE));

        SivKeyset ks = SivKeysets.loadOrCreate(c);

        assertThat(ks.source()).isEqualTo("DRAINBOARD_SIV_KEYSET");
        assertThat(SivMasker.keyIdText(ks.primaryId())).isEqualTo("f5dd77b4");
        assertThatThrownBy(() -> SivKeysets.rotate(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("comes from DRAINBOARD_SIV_KEYSET");
        assertThat(dir.toFile().list()).isEmpty();
        assertThat(c.describe()).doesNotContain(TestKeysets.ONE).contains("siv-keyset=****");
    }

    @Test
    void rotationAddsANewPrimaryAndKeepsOldMasksRecoverable(@TempDir Path dir) {
        AppConfig c = config(dir);
        SivKeyset before = SivKeysets.loadOrCreate(c);
        String oldMask = new SivMasker(before.handle()).mask("device_id", "593-47-5928");

        SivKeyset after = SivKeysets.rotate(c);
        String newMask = new SivMasker(SivKeysets.loadOrCreate(c).handle()).mask("device_id", "593-47-5928");
        Unmasker unmasker = new Unmasker(after.handle());

        assertThat(after.keys()).hasSize(2);
        assertThat(after.primaryId()).isNotEqualTo(before.primaryId());
        assertThat(after.keys()).filteredOn(SivKeyset.KeyInfo::primary).extracting(SivKeyset.KeyInfo::id)
                .containsExactly(after.primaryId());
        assertThat(newMask).startsWith("v2:" + SivMasker.keyIdText(after.primaryId()) + ":").isNotEqualTo(oldMask);
        assertThat(unmasker.unmask("device_id", oldMask)).isEqualTo(Unmasked.revealed("593-47-5928"));
        assertThat(unmasker.unmask("device_id", newMask)).isEqualTo(Unmasked.revealed("593-47-5928"));
    }

    @Test
    void rotatingWithoutAKeysetSaysHowToCreateOne(@TempDir Path dir) {
        assertThatThrownBy(() -> SivKeysets.rotate(config(dir))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no SIV keyset").hasMessageContaining("drainboard keys create");
    }

    @Test
    void createRefusesToReplaceAnExistingKeyset(@TempDir Path dir) throws Exception {
        AppConfig c = config(dir);
        SivKeysets.create(c);
        String content = Files.readString(SivKeysets.file(c));

        assertThatThrownBy(() -> SivKeysets.create(c)).hasMessageContaining("already exists");
        assertThat(Files.readString(SivKeysets.file(c))).isEqualTo(content);
    }

    @Test
    void theMaskSchemeSettingIsValidatedWithTheOtherSettings() {
        Map<ConfigKey, String> flags = Map.of(ConfigKey.MASK_SCHEME, "aes", ConfigKey.WORKERS, "0");

        assertThatThrownBy(() -> new ConfigLoader(flags, Map.of(), new Properties()).load())
                .hasMessageContaining("--mask-scheme = 'aes': expected hmac").hasMessageContaining("--workers");
        assertThat(new ConfigLoader(Map.of(), Map.of(), new Properties()).load().maskScheme())
                .isEqualTo(MaskScheme.HMAC);
        assertThat(new ConfigLoader(Map.of(), Map.of("DRAINBOARD_MASK_SCHEME", "SIV"), new Properties()).load()
                .maskScheme()).isEqualTo(MaskScheme.SIV);
    }
}
