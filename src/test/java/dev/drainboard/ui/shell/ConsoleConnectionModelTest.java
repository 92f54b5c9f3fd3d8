package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.app.Operations;
import dev.drainboard.app.Reveals;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.sink.Schema;
import dev.drainboard.sink.SchemaException;
import dev.drainboard.source.SourceException;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.connection.ConnectionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The connection dialog's model and the app_version migration offer, over fakes and a synchronous runner. */
class ConsoleConnectionModelTest {
    private final MutableClock clock = new MutableClock();

    @Test
    void testingShowsEachServersResultInPlainWordsAndNeverThePassword() {
        List<Map<ConfigKey, String>> checked = new ArrayList<>();
        ConnectionModel c = new ConnectionModel(new DirectTasks(), Map.of(ConfigKey.QUEUE, "login-queue"),
                new ConnectionModel.Checker() {
                    @Override
                    public String sqs(Map<ConfigKey, String> flags) {
                        checked.add(flags);
                        return "SQS ok: 100 messages waiting in login-queue.";
                    }

                    @Override
                    public String db(Map<ConfigKey, String> flags) {
                        throw new dev.drainboard.sink.SinkException("Could not open a connection pool to "
                                + "jdbc:postgresql://db:5432/x: Connection refused", true, null);
                    }
                });
        c.sqsEndpointProperty().set("http://localhost:9324");
        c.jdbcUrlProperty().set("jdbc:postgresql://db:5432/x");
        c.dbPasswordProperty().set("s3cret-pw");

        c.test();

        assertThat(c.sqsResultProperty().get()).isEqualTo("SQS ok: 100 messages waiting in login-queue.");
        assertThat(c.dbResultProperty().get()).startsWith("PostgreSQL failed: Could not open a connection pool")
                .contains("Connection refused").doesNotContain("s3cret-pw").doesNotContain("Exception");
        assertThat(c.testingProperty().get()).isFalse();
        assertThat(checked.get(0)).containsEntry(ConfigKey.SQS_ENDPOINT, "http://localhost:9324")
                .containsEntry(ConfigKey.DB_PASSWORD, "s3cret-pw").containsEntry(ConfigKey.QUEUE, "login-queue");
    }

    @Test
    void aSourceFailureIsShownAsItsCauseAndBlankFieldsMeanEmbedded() {
        ConnectionModel c = new ConnectionModel(new DirectTasks(),
                Map.of(ConfigKey.SQS_ENDPOINT, "http://old:1", ConfigKey.JDBC_URL, "jdbc:postgresql://old/db"),
                new ConnectionModel.Checker() {
                    @Override
                    public String sqs(Map<ConfigKey, String> flags) {
                        throw new SourceException("The queue login-queue does not exist at http://old:1");
                    }

                    @Override
                    public String db(Map<ConfigKey, String> flags) {
                        return "PostgreSQL ok";
                    }
                });
        assertThat(c.sqsEndpointProperty().get()).isEqualTo("http://old:1");
        c.test();
        assertThat(c.sqsResultProperty().get())
                .isEqualTo("SQS failed: The queue login-queue does not exist at http://old:1");
        assertThat(c.dbResultProperty().get()).isEqualTo("PostgreSQL ok");

        c.sqsEndpointProperty().set(" ");
        c.jdbcUrlProperty().set("");
        List<Map<ConfigKey, String>> used = new ArrayList<>();
        c.onUse(used::add);
        c.use();
        assertThat(used).hasSize(1);
        assertThat(used.get(0)).containsEntry(ConfigKey.SQS_ENDPOINT, "embedded")
                .containsEntry(ConfigKey.JDBC_URL, "embedded");
        // blank means embedded even when the environment names other servers
        AppConfig chosen = new ConfigLoader(used.get(0), Map.of("DRAINBOARD_SQS_ENDPOINT", "http://env:4566",
                "DRAINBOARD_JDBC_URL", "jdbc:postgresql://env/db"), new java.util.Properties()).load();
        assertThat(chosen.embeddedSqs()).isTrue();
        assertThat(chosen.embeddedDb()).isTrue();
    }

    @Test
    void theFieldsStartFromTheSettingsInEffectSoKeepingThemKeepsTheServers() {
        Map<String, String> env = Map.of("DRAINBOARD_SQS_ENDPOINT", "http://env:4566",
                "DRAINBOARD_JDBC_URL", "jdbc:postgresql://env/db", "DRAINBOARD_DB_PASSWORD", "s3cret");
        java.util.Properties none = new java.util.Properties();
        AppConfig started = new ConfigLoader(Map.of(), env, none).load();
        ConnectionModel c = new ConnectionModel(new DirectTasks(), ConnectionModel.inEffect(Map.of(), started),
                new ConnectionModel.Checker() {
                    @Override
                    public String sqs(Map<ConfigKey, String> flags) {
                        return "ok";
                    }

                    @Override
                    public String db(Map<ConfigKey, String> flags) {
                        return "ok";
                    }
                });
        List<Map<ConfigKey, String>> used = new ArrayList<>();
        c.onUse(used::add);

        assertThat(c.sqsEndpointProperty().get()).isEqualTo("http://env:4566");
        assertThat(c.jdbcUrlProperty().get()).isEqualTo("jdbc:postgresql://env/db");
        assertThat(c.queueProperty().get()).isEqualTo("login-queue");
        c.use();
        AppConfig kept = new ConfigLoader(used.get(0), env, none).load();
        assertThat(kept.sqsEndpoint()).isEqualTo(started.sqsEndpoint());
        assertThat(kept.jdbcUrl()).isEqualTo(started.jdbcUrl());
        assertThat(kept.dbPassword()).isEqualTo("s3cret");

        AppConfig embedded = new ConfigLoader(Map.of(), Map.of(), none).load();
        ConnectionModel onDemo = new ConnectionModel(new DirectTasks(), ConnectionModel.inEffect(Map.of(), embedded),
                null);
        assertThat(onDemo.sqsEndpointProperty().get()).isEmpty();
        assertThat(onDemo.jdbcUrlProperty().get()).isEmpty();
    }

    @Test
    void theIntegerAppVersionOffersTheMigrationWhichRunsThenStartsAgain() {
        ConsoleModel model = new ConsoleModel(new DirectTasks(), clock);
        AtomicInteger opens = new AtomicInteger();
        AtomicInteger migrations = new AtomicInteger();
        FakeQueue queue = new FakeQueue();
        FakeStore store = new FakeStore();
        model.start(status -> {
            if (migrations.get() == 0) {
                opens.incrementAndGet();
                throw new SchemaException("The table user_logins stores app_version as integer", true);
            }
            opens.incrementAndGet();
            Drainer drainer = new Drainer(queue, new LoginParser(), new HmacMasker(new byte[32]), store, clock);
            return new Operations(drainer, queue, store, Reveals.unavailable("none"), new Operations.About("External", "1a2b3c4d", queue.describe(), store.describe(), 1), () -> { });
        }, migrations::incrementAndGet);

        assertThat(model.state()).isEqualTo(ConsoleState.START_FAILED);
        assertThat(model.migrationOfferedProperty().get()).isTrue();
        assertThat(model.migrationSql()).isEqualTo(Schema.MIGRATE_APP_VERSION);

        model.migrateAppVersion();

        assertThat(migrations.get()).isEqualTo(1);
        assertThat(opens.get()).isEqualTo(2);
        assertThat(model.state()).isEqualTo(ConsoleState.IDLE);
        assertThat(model.migrationOfferedProperty().get()).isFalse();
        assertThat(model.bannerProperty().get()).isEmpty();
        assertThat(model.log().entries()).anyMatch(e -> e.contains("Migrated: " + Schema.MIGRATE_APP_VERSION));
    }

    @Test
    void otherStartFailuresOfferNoMigration() {
        ConsoleModel model = new ConsoleModel(new DirectTasks(), clock);
        model.start(status -> {
            throw new SchemaException("The table user_logins has no column locale.");
        }, () -> { });
        assertThat(model.state()).isEqualTo(ConsoleState.START_FAILED);
        assertThat(model.migrationOfferedProperty().get()).isFalse();
    }

    @Test
    void aFailedMigrationSaysWhyAndKeepsTheOffer() {
        ConsoleModel model = new ConsoleModel(new DirectTasks(), clock);
        model.start(status -> {
            throw new SchemaException("app_version is integer", true);
        }, () -> {
            throw new java.sql.SQLException("permission denied for table user_logins");
        });
        model.migrateAppVersion();
        assertThat(model.bannerProperty().get()).startsWith("Could not migrate app_version: permission denied");
        assertThat(model.migrationOfferedProperty().get()).isTrue();
        assertThat(model.state()).isEqualTo(ConsoleState.START_FAILED);
    }
}
