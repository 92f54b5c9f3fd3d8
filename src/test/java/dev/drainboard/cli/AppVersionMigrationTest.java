package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.embedded.EmbeddedSqs;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.sink.Schema;
import dev.drainboard.source.SqsClients;
import dev.drainboard.source.SqsQueueSource;
import dev.drainboard.support.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL holding the exercise's original table ({@code app_version integer}) and a few
 * rows, drained through the CLI before and after {@code schema --migrate-app-version}.
 */
class AppVersionMigrationTest {
    /** The take-home's own DDL, as its PostgreSQL image creates it. */
    static final String ORIGINAL_DDL = """
            CREATE TABLE IF NOT EXISTS user_logins(
                user_id             varchar(128),
                device_type         varchar(32),
                masked_ip           varchar(256),
                masked_device_id    varchar(256),
                locale              varchar(32),
                app_version         integer,
                create_date         date
            );
            INSERT INTO user_logins VALUES
                ('old-1', 'ios', 'm1', 'd1', 'US', 230, '2024-01-02'),
                ('old-2', 'android', 'm2', 'd2', NULL, 3, '2024-01-03'),
                ('old-3', 'ios', 'm3', 'd3', 'PH', NULL, '2024-01-04');
            """;

    @TempDir
    Path dataDir;

    @Test
    void drainRefusesTheIntegerColumnThenTheMigrationKeepsTheValuesAndTheDrainWorks() throws Exception {
        String db = TestServers.freshDatabase();
        try (EmbeddedSqs sqs = EmbeddedSqs.start(0, null)) {
            sql(db, ORIGINAL_DDL);
            AppConfig config = new ConfigLoader(Map.of(), Map.of(), new Properties()).load();
            try (SqsQueueSource source = SqsClients.open(config, sqs.endpoint())) {
                source.send(DemoMessages.sample());
            }
            String[] connection = {"--sqs-endpoint", sqs.endpoint().toString(), "--jdbc-url", db,
                "--db-user", "postgres", "--db-password=postgres", "--data-dir", dataDir.toString()};

            Run refused = cli(connection, "drain");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("drainboard drain: The table user_logins stores app_version as integer",
                    "Run `drainboard schema --migrate-app-version`");
            assertThat(queueDepth(sqs)).as("nothing was taken from the queue").isEqualTo(100);

            Run migrated = cli(connection, "schema", "--migrate-app-version");
            assertThat(migrated.code()).as(migrated.err()).isZero();
            assertThat(migrated.out()).contains("Migrated: " + Schema.MIGRATE_APP_VERSION, "Schema OK");
            assertThat(rows(db, "SELECT data_type FROM information_schema.columns WHERE table_name = 'user_logins'"
                    + " AND column_name = 'app_version'")).containsExactly("character varying");
            assertThat(rows(db, "SELECT user_id || '=' || coalesce(app_version, 'NULL') FROM user_logins ORDER BY 1"))
                    .containsExactly("old-1=230", "old-2=3", "old-3=NULL");

            Run drained = cli(connection, "drain");
            assertThat(drained.code()).as(drained.err()).isZero();
            long written = Long.parseLong(rows(db, "SELECT count(*) FROM user_logins WHERE user_id NOT LIKE 'old-%'")
                    .get(0));
            long rejected = Long.parseLong(rows(db, "SELECT count(*) FROM drainboard_rejections").get(0));
            assertThat(written + rejected).isEqualTo(100);
            assertThat(rows(db, "SELECT count(*) FROM user_logins WHERE app_version LIKE '%.%'").get(0))
                    .as("dotted versions such as 2.3.0 are stored as they are").isNotEqualTo("0");
            assertThat(queueDepth(sqs)).isZero();

            Run again = cli(connection, "schema", "--migrate-app-version");
            assertThat(again.code()).isZero();
            assertThat(again.out()).contains("Nothing to migrate");
        }
    }

    record Run(int code, String out, String err) {
    }

    static Run cli(String[] connection, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(connection));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static long queueDepth(EmbeddedSqs sqs) {
        AppConfig config = new ConfigLoader(Map.of(), Map.of(), new Properties()).load();
        try (SqsQueueSource source = SqsClients.open(config, sqs.endpoint())) {
            return source.depth().available() + source.depth().inFlight();
        }
    }

    static void sql(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static List<String> rows(String db, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db, "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
