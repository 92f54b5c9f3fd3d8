package dev.drainboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.config.MaskKey;
import dev.drainboard.config.MaskScheme;
import dev.drainboard.config.SivKeysets;
import dev.drainboard.pipeline.Revealer;
import dev.drainboard.support.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configured scheme picks the masker; the Reveal action is on exactly when a keyset exists. */
class MaskingTest {
    private static final MaskKey HMAC_KEY = new MaskKey(TestKeys.BYTES, "test");

    private static AppConfig config(Path dir, String scheme) {
        return new ConfigLoader(Map.of(ConfigKey.DATA_DIR, dir.toString(), ConfigKey.MASK_SCHEME, scheme), Map.of(),
                new Properties()).load();
    }

    @Test
    void hmacMasksWithV1AndCannotRevealWithoutAKeyset(@TempDir Path dir) {
        Masking m = Masking.open(config(dir, "hmac"), HMAC_KEY);
        Revealer r = m.revealer(null);

        assertThat(m.scheme()).isEqualTo(MaskScheme.HMAC);
        assertThat(m.masker().mask("ip", "10.0.0.7")).startsWith("v1:");
        assertThat(m.description()).contains("hmac").contains(HMAC_KEY.fingerprint());
        assertThat(r.canReveal()).isFalse();
        assertThat(r.unavailableReason()).startsWith("No SIV keyset: " + dir.resolve("siv-keyset.json"))
                .contains("masks with hmac");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void sivCreatesTheKeysetMasksWithV2AndCanReveal(@TempDir Path dir) {
        Masking m = Masking.open(config(dir, "siv"), HMAC_KEY);

        assertThat(m.masker().mask("ip", "10.0.0.7")).matches("v2:[0-9a-f]{8}:.+");
        assertThat(m.masker().maxInputBytes()).isEqualTo(167);
        assertThat(m.description()).startsWith("siv (v2, recoverable), primary key ").endsWith("of 1 key");
        assertThat(m.revealer(null).canReveal()).isTrue();
    }

    @Test
    void afterGoingBackToHmacTheV2RowsStayRevealable(@TempDir Path dir) {
        SivKeysets.create(config(dir, "siv"));

        assertThat(Masking.open(config(dir, "hmac"), HMAC_KEY).revealer(null).canReveal()).isTrue();
    }

    @Test
    void anExposedKeysetDoesNotStopAnHmacDeploymentButBlocksRevealing(@TempDir Path dir) throws Exception {
        SivKeysets.create(config(dir, "siv"));
        Files.setPosixFilePermissions(dir.resolve("siv-keyset.json"), PosixFilePermissions.fromString("rw-rw-r--"));

        Masking m = Masking.open(config(dir, "hmac"), HMAC_KEY);

        assertThat(m.masker().mask("ip", "10.0.0.7")).startsWith("v1:");
        assertThat(m.revealer(null).canReveal()).isFalse();
        assertThat(m.revealer(null).unavailableReason()).contains("chmod 600");
    }
}
