package dev.drainboard.ui.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.app.CsvExport;
import dev.drainboard.app.Explore;
import dev.drainboard.app.Operations;
import dev.drainboard.sink.ExploreQueries;
import dev.drainboard.sink.Schema;
import dev.drainboard.support.TestServers;
import dev.drainboard.ui.common.Session;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The Explore tab's "Export shared devices" over real PostgreSQL: more shared device ids than one
 * page of the export, streamed into the file in the list's order; a cancel part-way leaves no file.
 */
class SharedExportTest {
    /** Two and a half pages of {@link ExploreQueries#SHARED_PAGE}. */
    private static final int SHARED = 2500;
    private static String url;
    private static PGSimpleDataSource ds;

    @BeforeAll
    static void seed() throws SQLException {
        url = TestServers.freshDatabase();
        ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        ds.setPassword("postgres");
        Schema.ensure(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // device k is shared by 2 + k % 4 user ids; one more device has a single user (not shared)
            s.execute("INSERT INTO user_logins SELECT 'u' || k || '-' || j, 'ios', 'v1:ip-' || k, "
                    + "'v1:dev-' || lpad(k::text, 5, '0'), 'PH', '2.3.0', DATE '2026-11-01' + j "
                    + "FROM generate_series(0, " + (SHARED - 1) + ") k, generate_series(0, 1 + k % 4) j");
            s.execute("INSERT INTO user_logins VALUES ('alone', 'web', 'v1:ip-alone', 'v1:dev-alone', 'RU', '1.0.0', "
                    + "DATE '2026-11-02'), ('alone', 'web', 'v1:ip-alone', 'v1:dev-alone', 'RU', '1.0.0', "
                    + "DATE '2026-11-03')");
            s.execute("ANALYZE user_logins");
        }
    }

    private static ExploreModel model() {
        Session s = new Session(new ExploreModelTest.SyncTasks(), Clock.systemUTC());
        s.connect(new Operations(null, null, null, null, new Operations.About("test", "fp", "sqs", "db", 1), () -> { })
                .withExplore(Explore.of(new ExploreQueries(ds))));
        return new ExploreModel(s);
    }

    @Test
    void everySharedDeviceIdIsWrittenOnceInTheListsOrder(@TempDir Path tmp) throws Exception {
        ExploreModel m = model();
        Path file = tmp.resolve("shared.csv");
        m.exportPathProperty().set(file.toString());

        m.exportSharedDevices();

        assertThat(m.exportStatusProperty().get()).startsWith("Exported " + SHARED + " shared device ids to ");
        assertThat(m.exportedProperty().get()).isEqualTo(SHARED);
        List<String> got = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                got.add(String.join(" ", r.get("mask_column"), r.get("mask"), r.get("users"), r.get("rows")));
            }
        }
        assertThat(got).hasSize(SHARED).containsExactlyElementsOf(strings("SELECT 'masked_device_id ' || "
                + "masked_device_id || ' ' || count(DISTINCT user_id) || ' ' || count(*) FROM user_logins GROUP BY "
                + "masked_device_id HAVING count(DISTINCT user_id) >= 2 ORDER BY count(DISTINCT user_id) DESC, "
                + "count(*) DESC, masked_device_id"));
        assertThat(Files.readString(file)).startsWith(String.join(",", CsvExport.SHARED_HEADER) + "\r\n");
    }

    @Test
    void aCancelPartWayLeavesNoFile(@TempDir Path tmp) {
        ExploreModel m = model();
        m.exportPathProperty().set(tmp.resolve("shared.csv").toString());
        // progress is reported every 1,000 masks, on the exporting thread here: cancel at the first report
        m.exportedProperty().addListener((o, was, now) -> {
            if (now.longValue() >= CsvExport.PROGRESS_EVERY) {
                m.cancelExport();
            }
        });

        m.exportSharedDevices();

        assertThat(m.exportStatusProperty().get()).isEqualTo("Export cancelled; no file was written.");
        assertThat(m.exportingProperty().get()).isFalse();
        assertThat(tmp.toFile().list()).isEmpty();
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
