package dev.drainboard.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drainboard.app.Workspace;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.support.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded default belongs to its owner: an owner-only data folder, a PostgreSQL that wants a
 * password and whose login is no superuser, durable settings, and one Drainboard per folder.
 * One workspace on the embedded default, opened as the console and the CLI open it, serves the class.
 */
class EmbeddedDefaultSecurityTest {
    private static Path data;
    private static Workspace ws;
    private static EmbeddedPostgresServer pg;

    @BeforeAll
    static void open() throws Exception {
        data = Files.createTempDirectory("drainboard-security").resolve("data");
        ws = Workspace.open(ConfigLoader.load(Map.of(ConfigKey.DATA_DIR, data.toString())), s -> { });
        pg = ws.embeddedPostgres().orElseThrow();
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    @Test
    void theDataFolderAndEverythingInItIsOwnerOnly() throws Exception {
        Set<PosixFilePermission> groupOrOthers = EnumSet.of(PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(data)) {
            all.filter(p -> !Files.isSymbolicLink(p)).forEach(p -> {
                try {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                    perms.retainAll(groupOrOthers);
                    if (!perms.isEmpty()) {
                        open.add(data.relativize(p) + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(open).as("entries others could read or enter").isEmpty();
        assertThat(data.resolve("mask.key")).exists();
        assertThat(data.resolve("logs").resolve("drainboard.log")).exists();
        assertThat(data.resolve("pgpass")).exists();
    }

    @Test
    void theEmbeddedPostgresWantsThePasswordAndItsLoginIsNoSuperuser() throws Exception {
        String url = pg.jdbcUrl();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "drainboard", "")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "drainboard", "wrong-password"))
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres"))
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");

        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password()); Statement s = c.createStatement()) {
            assertThat(pg.user()).isEqualTo("drainboard");
            assertThat(single(s, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("false");
            String key = data.resolve("mask.key").toString().replace("'", "''");
            assertThatThrownBy(() -> s.executeQuery("SELECT pg_read_file('" + key + "')"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("COPY (SELECT 1) TO PROGRAM 'id'"))
                    .hasMessageContaining("permission denied");
        }
        String superuser = PgPasswords.load(data.resolve("pgpass")).superuser();
        try (Connection c = DriverManager.getConnection(url, "postgres", superuser); Statement s = c.createStatement()) {
            assertThat(single(s, "SHOW fsync")).isEqualTo("on");
            assertThat(single(s, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(single(s, "SHOW unix_socket_directories")).isEmpty();
            assertThat(single(s, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(single(s, "SELECT string_agg(type || ' ' || auth_method, ', ') FROM pg_hba_file_rules"))
                    .isEqualTo("host scram-sha-256");
        }
    }

    @Test
    void thePasswordFileIsInPostgresFormatWithLongRandomPasswords() throws Exception {
        String pgpass = Files.readString(data.resolve("pgpass"));
        assertThat(pgpass).contains("127.0.0.1:*:*:drainboard:" + pg.password());
        assertThat(pg.password()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void aSecondDrainboardOnTheSameFolderIsToldWhoHasIt() throws Exception {
        try (ChildCli second = ChildCli.start("depth", "--data-dir=" + data)) {
            int code = second.await(ChildCli.COMMAND_TIMEOUT);
            assertThat(code).isNotZero();
            assertThat(second.output())
                    .contains("Another Drainboard (pid " + ProcessHandle.current().pid() + ") is using " + data
                            + "; close it or choose another --data-dir.")
                    .doesNotContain("damaged").doesNotContain("move it aside").doesNotContain("Starting embedded");
        }
        // and the first one is unharmed
        assertThat(ws.source().depth().available()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aFolderOfAnEarlierVersionIsSecuredOnItsFirstStartAndKeepsItsRows(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path old = tmp.resolve("data");
        // what Drainboard 0.1 left: a trust-authenticated cluster whose tables belong to the superuser
        try (EmbeddedPostgresServer v1 = EmbeddedPostgresServer.startThrowaway(old.resolve("postgres"), 0);
             Connection c = DriverManager.getConnection(v1.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE user_logins (user_id varchar(128), device_type varchar(32), masked_ip "
                    + "varchar(256), masked_device_id varchar(256), locale varchar(32), app_version varchar(32), "
                    + "create_date date)");
            s.execute("INSERT INTO user_logins (user_id) VALUES ('kept-from-v1')");
        }
        try (Workspace upgraded = Workspace.open(ConfigLoader.load(Map.of(ConfigKey.DATA_DIR, old.toString())),
                st -> { })) {
            EmbeddedPostgresServer server = upgraded.embeddedPostgres().orElseThrow();
            try (Connection c = upgraded.sink().dataSource().getConnection(); Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT user_id FROM user_logins WHERE user_id = 'kept-from-v1'"))
                        .isEqualTo("kept-from-v1");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", ""))
                    .isInstanceOf(SQLException.class);
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
