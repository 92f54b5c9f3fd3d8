package dev.drainboard.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.model.Rejection;
import dev.drainboard.support.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write of a group without replays, on both of its paths (rows by COPY when the database is
 * near, in one statement when it is far): every value arrives exactly as given (COPY's own special
 * characters included), in receive order, and an id already in the ledger adds no row, in the same
 * group or a later one. And the choice follows the database's distance.
 */
class CopyWriteTest {
    private String jdbc;
    private PostgresLoginSink sink;

    @BeforeEach
    void open() {
        jdbc = TestServers.freshDatabase();
    }

    @AfterEach
    void close() {
        if (sink != null) {
            sink.close();
        }
    }

    private PostgresLoginSink sink(PostgresLoginSink.WritePath path, String url) throws Exception {
        com.zaxxer.hikari.HikariDataSource ds = PostgresLoginSink.pool(url, "postgres", "postgres", 2);
        Schema.ensure(ds);
        sink = new PostgresLoginSink(ds, "test", ds, path);
        return sink;
    }

    private static Batch batch(List<MaskedLogin> rows, List<Rejection> rejections) {
        List<QueueMessage> messages = new ArrayList<>();
        rows.forEach(r -> messages.add(new QueueMessage(r.messageId(), "rh-" + r.messageId(), "{}", Instant.now(), 1)));
        rejections.forEach(r -> messages.add(new QueueMessage(r.messageId(), "rh-" + r.messageId(), "{}", Instant.now(), 1)));
        return new Batch(messages, rows, rejections, Instant.now().plusSeconds(60));
    }

    private static MaskedLogin row(String id, String user) {
        return new MaskedLogin(id, user, "ios", "v1:ip-" + id, "v1:dev-" + id, "PH", "2.3.0", LocalDate.of(2026, 3, 1));
    }

    private List<String> users() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT user_id FROM user_logins ORDER BY ctid")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = PostgresLoginSink.WritePath.class, names = {"COPY", "ONE_STATEMENT"})
    void valuesArriveExactlyInOrderAndAKnownIdAddsNoRow(PostgresLoginSink.WritePath path) throws Exception {
        PostgresLoginSink sink = sink(path, jdbc);
        assertThat(sink.writesRowsByCopy()).isEqualTo(path == PostgresLoginSink.WritePath.COPY);
        List<String> odd = List.of("back\\slash", "\\N", "\\.", "tab\there", "two\nlines", "cr\rhere", "é ☃ 𝄞",
                "'quoted' \"double\" , ; |", "");
        List<MaskedLogin> first = new ArrayList<>();
        for (int i = 0; i < odd.size(); i++) {
            first.add(row("m" + i, odd.get(i)));
        }
        MaskedLogin nullish = new MaskedLogin("m-null", "plain", null, null, null, null, null, null);
        List<CommitResult> r1 = sink.writeAll(List.of(batch(first, List.of(new Rejection("m-rej", "bad", "x\ty"))),
                batch(List.of(nullish, row("m0", "again in the same group")), List.of())));

        assertThat(r1.get(0).written()).isEqualTo(odd.size());
        assertThat(r1.get(0).rejected()).isEqualTo(1);
        assertThat(r1.get(1).written()).as("m-null is new, m0 was in the first batch").isEqualTo(1);
        assertThat(r1.get(1).duplicates()).isEqualTo(1);
        List<String> expected = new ArrayList<>(odd);
        expected.add("plain");
        assertThat(users()).containsExactlyElementsOf(expected);
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT device_type, masked_ip, masked_device_id, locale, app_version, "
                     + "create_date FROM user_logins WHERE user_id = 'plain'")) {
            assertThat(rs.next()).isTrue();
            for (int k = 1; k <= 6; k++) {
                assertThat(rs.getObject(k)).as("column %d of a row of nulls", k).isNull();
            }
        }

        List<CommitResult> r2 = sink.writeAll(List.of(batch(List.of(row("m3", "redelivered"), row("m-new", "new")),
                List.of(new Rejection("m-rej", "bad", "again")))));
        assertThat(r2.get(0).written()).isEqualTo(1);
        assertThat(r2.get(0).rejected()).isZero();
        assertThat(r2.get(0).duplicates()).isEqualTo(2);
        expected.add("new");
        assertThat(users()).containsExactlyElementsOf(expected);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = PostgresLoginSink.WritePath.class, names = {"COPY", "ONE_STATEMENT"})
    void aGroupWhoseRowsAreAllKnownWritesNothing(PostgresLoginSink.WritePath path) throws Exception {
        PostgresLoginSink sink = sink(path, jdbc);
        sink.writeAll(List.of(batch(List.of(row("k1", "a"), row("k2", "b")), List.of())));
        List<CommitResult> again = sink.writeAll(List.of(batch(List.of(row("k1", "a"), row("k2", "b")), List.of())));
        assertThat(again.get(0).written()).isZero();
        assertThat(again.get(0).duplicates()).isEqualTo(2);
    }

    @Test
    void rowsGoInByCopyUntilACommitShowsTheDatabaseIsFarThenInOneStatement() throws Exception {
        PostgresLoginSink near = sink(PostgresLoginSink.WritePath.BY_DISTANCE, jdbc);
        assertThat(near.writesRowsByCopy()).as("before any commit").isTrue();
        near.writeAll(List.of(batch(List.of(row("n1", "a")), List.of())));
        near.close();
        sink = null;

        int port = Integer.parseInt(jdbc.replaceAll(".*:(\\d+)/.*", "$1"));
        // a COMMIT through the proxy takes at least its 2 x FAR round trip: the database is far
        java.time.Duration rtt = java.time.Duration.ofNanos(2 * PostgresLoginSink.FAR_NANOS);
        try (dev.drainboard.bench.DelayProxy proxy = dev.drainboard.bench.DelayProxy.start("127.0.0.1", port, rtt)) {
            PostgresLoginSink far = sink(PostgresLoginSink.WritePath.BY_DISTANCE,
                    jdbc.replace(":" + port + "/", ":" + proxy.port() + "/"));
            far.writeAll(List.of(batch(List.of(row("f1", "b")), List.of())));
            assertThat(far.writesRowsByCopy()).as("after a COMMIT %s away", rtt).isFalse();
            far.writeAll(List.of(batch(List.of(row("f2", "c")), List.of())));
            assertThat(far.writesRowsByCopy()).isFalse();
        }
        assertThat(users()).containsExactly("a", "b", "c");
    }

    @Test
    void theChoiceHasHysteresisBetweenTheFarAndNearThresholds() {
        PostgresLoginSink s = new PostgresLoginSink(null, "arithmetic only", null, PostgresLoginSink.WritePath.BY_DISTANCE);
        long ms = 1_000_000L;
        s.commitTook(ms);
        assertThat(s.writesRowsByCopy()).isTrue();
        s.commitTook(50 * ms); // the average becomes 1 + 49 / 8 = 7.1 ms: above FAR
        assertThat(s.writesRowsByCopy()).isFalse();
        int commits = 0;
        while (!s.writesRowsByCopy()) {
            s.commitTook(ms);
            commits++;
            assertThat(commits).as("near commits until COPY again").isLessThan(100);
        }
        // the excess over 1 ms shrinks to 7/8 per near commit: below FAR (6 ms) after 2, but COPY comes
        // back only below NEAR (3 ms), after 9
        assertThat(commits).isEqualTo(9);
    }
}
