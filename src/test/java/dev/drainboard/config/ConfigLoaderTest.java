package dev.drainboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drainboard.support.TestKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static AppConfig load(Map<ConfigKey, String> flags, Map<String, String> env, Properties file) {
        return new ConfigLoader(flags, env, file).load();
    }

    @Test
    void defaultsMeanEverythingEmbedded() {
        AppConfig c = load(Map.of(), Map.of(), new Properties());

        assertThat(c.embeddedSqs()).isTrue();
        assertThat(c.embeddedDb()).isTrue();
        assertThat(c.queue()).isEqualTo("login-queue");
        assertThat(c.deadLetterQueue()).isEqualTo("login-queue-dlq");
        assertThat(c.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.workers()).isEqualTo(4);
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() {
        Properties file = new Properties();
        file.setProperty("queue", "from-file");
        file.setProperty("workers", "3");
        file.setProperty("region", "eu-west-1");
        Map<String, String> env = Map.of("DRAINBOARD_QUEUE", "from-env", "DRAINBOARD_WORKERS", "5");
        Map<ConfigKey, String> flags = Map.of(ConfigKey.QUEUE, "from-flag");

        AppConfig c = load(flags, env, file);

        assertThat(c.queue()).isEqualTo("from-flag");
        assertThat(c.workers()).isEqualTo(5);
        assertThat(c.region()).isEqualTo("eu-west-1");
    }

    @Test
    void embeddedAsAFlagBeatsServersNamedInTheEnvironment() {
        Map<String, String> env = Map.of("DRAINBOARD_SQS_ENDPOINT", "http://localhost:4566",
                "DRAINBOARD_JDBC_URL", "jdbc:postgresql://db:5432/x");

        AppConfig fromEnv = load(Map.of(), env, new Properties());
        AppConfig flagged = load(Map.of(ConfigKey.SQS_ENDPOINT, "embedded", ConfigKey.JDBC_URL, "EMBEDDED"), env,
                new Properties());

        assertThat(fromEnv.embeddedSqs()).isFalse();
        assertThat(fromEnv.embeddedDb()).isFalse();
        assertThat(flagged.embeddedSqs()).isTrue();
        assertThat(flagged.embeddedDb()).isTrue();
        assertThat(flagged.sqsEndpoint()).isEmpty();
    }

    @Test
    void aQueueUrlGivesTheNameAndALocalEndpoint() {
        AppConfig c = load(Map.of(), Map.of("DRAINBOARD_QUEUE", "http://localhost:4566/000000000000/login-queue"),
                new Properties());

        assertThat(c.queue()).isEqualTo("login-queue");
        assertThat(c.sqsEndpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(c.embeddedSqs()).isFalse();
    }

    @Test
    void anAwsQueueUrlMeansRealAws() {
        AppConfig c = load(Map.of(), Map.of("DRAINBOARD_QUEUE",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/logins"), new Properties());

        assertThat(c.awsDefaultEndpoint()).isTrue();
        assertThat(c.embeddedSqs()).isFalse();
        assertThat(c.queue()).isEqualTo("logins");
    }

    @Test
    void everyInvalidSettingIsReportedAtOnceWithItsName() {
        Map<String, String> env = Map.of("DRAINBOARD_WORKERS", "zero", "DRAINBOARD_VISIBILITY_TIMEOUT", "0",
                "DRAINBOARD_SQS_ENDPOINT", "ftp://x", "DRAINBOARD_JDBC_URL", "jdbc:mysql://h/db?password=hunter2");

        assertThatThrownBy(() -> load(Map.of(), env, new Properties()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DRAINBOARD_WORKERS / --workers = 'zero': must be a whole number between 1 and 64")
                .hasMessageContaining("DRAINBOARD_VISIBILITY_TIMEOUT / --visibility-timeout = '0': must be between")
                .hasMessageContaining("DRAINBOARD_SQS_ENDPOINT")
                .hasMessageContaining("expected a URL starting with jdbc:postgresql://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aMaskKeyMustBe32BytesOfBase64AndIsNeverEchoed() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("DRAINBOARD_MASK_KEY", "c2hvcnQ="), new Properties()))
                .hasMessageContaining("decodes to 5 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> load(Map.of(), Map.of("DRAINBOARD_MASK_KEY", "not base64!"), new Properties()))
                .hasMessageContaining("is not valid base64")
                .hasMessageNotContaining("not base64!");
    }

    @Test
    void describeRedactsSecrets() {
        AppConfig c = load(Map.of(ConfigKey.DB_PASSWORD, "s3cret-pw"), Map.of("DRAINBOARD_MASK_KEY", TestKeys.BASE64),
                new Properties());

        assertThat(c.describe()).doesNotContain("s3cret-pw").doesNotContain(TestKeys.BASE64).contains("db-password=****");
        assertThat(c.toString()).doesNotContain("s3cret-pw").doesNotContain(TestKeys.BASE64);
    }

    @Test
    void describeRedactsAPasswordInsideTheUrls() {
        AppConfig c = load(Map.of(ConfigKey.JDBC_URL, "jdbc:postgresql://db:5432/logins?user=x&password=TopSecret1",
                ConfigKey.SQS_ENDPOINT, "http://sqsuser:TopSecret2@sqs.local:9324",
                ConfigKey.QUEUE, "http://sqs.local:9324/000000000000/q?X-Amz-Security-Token=TopSecret3"),
                Map.of(), new Properties());

        assertThat(c.describe()).doesNotContain("TopSecret1").doesNotContain("TopSecret2")
                .doesNotContain("TopSecret3").contains("jdbc:postgresql://db:5432/logins?user=x&password=****");
        assertThat(c.toString()).doesNotContain("TopSecret");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://h/db?password=s3&user=u               | jdbc:postgresql://h/db?password=****&user=u",
        "jdbc:postgresql://h/db?user=u&PASSWORD=s3                | jdbc:postgresql://h/db?user=u&PASSWORD=****",
        "jdbc:postgresql://h/db?sslpassword=s3&sslmode=verify-full | jdbc:postgresql://h/db?sslpassword=****&sslmode=verify-full",
        "jdbc:postgresql://u:s3@h/db                              | jdbc:postgresql://u:****@h/db",
        "http://key:s3@sqs.local:9324                             | http://key:****@sqs.local:9324",
        "https://q/1/x?X-Amz-Signature=s3&X-Amz-Credential=s3     | https://q/1/x?X-Amz-Signature=****&X-Amz-Credential=****",
        "jdbc:postgresql://h/db?token=s3;user=u                   | jdbc:postgresql://h/db?token=****;user=u",
        "jdbc:postgresql://h/db?user=password                     | jdbc:postgresql://h/db?user=password",
    })
    void redactUrlHidesEverySecretBearingPart(String url, String shown) {
        assertThat(ConfigLoader.redactUrl(url)).isEqualTo(shown).doesNotContain("s3");
    }
}
