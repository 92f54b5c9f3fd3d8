package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.cli.CliTest.Run;
import dev.drainboard.support.ChildCli;
import dev.drainboard.support.Db;
import dev.drainboard.support.TestKeys;
import dev.drainboard.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code drainboard mask-table} on real PostgreSQL: a table of 100,000 rows in the exercise's own
 * shape (app_version integer), filled by an earlier loader with raw IPv4, IPv6 (not in canonical
 * form), IPv4-mapped addresses, repeats, nulls, a few non-addresses and a few values that are
 * already masks.
 */
class MaskTableCliTest {
    static final int ROWS = 100_000;
    static final String PREMASKED = "v1:0123456789abcdef0123456789abcdef";
    private String jdbc;
    private Path dataDir;

    @BeforeEach
    void database() throws Exception {
        jdbc = TestServers.freshDatabase();
        dataDir = TestServers.tempDir();
        // the fixed test key, as a key file: a child JVM gets no DRAINBOARD_* variable
        Path key = Files.createFile(dataDir.resolve("mask.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, TestKeys.BASE64 + "\n");
    }

    /** The exercise's DDL, with its two mask indexes, filled inside the server. */
    private void rawTable(String name) {
        Db.execute(jdbc, "CREATE TABLE " + name + " (user_id varchar(128), device_type varchar(32), masked_ip varchar(256), "
                + "masked_device_id varchar(256), locale varchar(32), app_version integer, create_date date);"
                + "CREATE INDEX ON " + name + " (masked_ip); CREATE INDEX ON " + name + " (masked_device_id);"
                + "INSERT INTO " + name + " SELECT 'u' || g, 'android', CASE WHEN g % 97 = 0 THEN NULL "
                + "WHEN g % 1009 = 0 THEN 'not-an-ip-' || g "
                + "WHEN g % 5 = 0 THEN '2001:DB8:0:0:0:0:0:' || upper(to_hex(g % 3000)) "
                + "WHEN g % 5 = 1 THEN '::ffff:10.1.' || (g % 200) || '.9' "
                + "WHEN g % 5 = 2 THEN '192.168.1.' || (g % 40) "
                + "ELSE (g % 223 + 1) || '.' || (g / 223 % 256) || '.' || (g % 7) || '.' || (g % 251) END, "
                + "CASE WHEN g % 89 = 0 THEN NULL WHEN g % 101 = 0 THEN '" + PREMASKED + "' ELSE 'dev-' || (g % 20000) END, "
                + "'en_US', 230, DATE '2024-01-01' FROM generate_series(1, " + ROWS + ") g");
    }

    static String rawIp(int g) {
        if (g % 97 == 0) {
            return null;
        }
        if (g % 1009 == 0) {
            return "not-an-ip-" + g;
        }
        switch (g % 5) {
            case 0:
                return "2001:DB8:0:0:0:0:0:" + Integer.toHexString(g % 3000).toUpperCase();
            case 1:
                return "::ffff:10.1." + (g % 200) + ".9";
            case 2:
                return "192.168.1." + (g % 40);
            default:
                return (g % 223 + 1) + "." + (g / 223 % 256) + "." + (g % 7) + "." + (g % 251);
        }
    }

    /** The RFC 5952 spelling, worked out by hand for the shapes above (not by the code under test). */
    static String canonicalIp(int g) {
        String raw = rawIp(g);
        if (raw == null || g % 1009 == 0 || g % 5 != 0) {
            return raw;
        }
        int last = g % 3000;
        return last == 0 ? "2001:db8::" : "2001:db8::" + Integer.toHexString(last);
    }

    static String rawDevice(int g) {
        return g % 89 == 0 ? null : g % 101 == 0 ? PREMASKED : "dev-" + (g % 20000);
    }

    /** The pinned v1 format, computed here with the JDK alone: "v1:" + hex(HMAC-SHA256(key, field 0x00 value))[0..16). */
    static String v1(String field, String value) throws Exception {
        if (value == null) {
            return null;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestKeys.BYTES, "HmacSHA256"));
        mac.update(field.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] d = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return "v1:" + HexFormat.of().formatHex(d, 0, 16);
    }

    private Run maskTable(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("mask-table", "--jdbc-url=" + jdbc, "--data-dir=" + dataDir));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    /** Every row, in a fixed order, as one digest: equal digests, equal tables. */
    private String fingerprint(String table) {
        return Db.string(jdbc, "SELECT md5(string_agg(concat_ws('|', user_id, device_type, masked_ip, masked_device_id, "
                + "locale, app_version, create_date), E'\\n' ORDER BY user_id)) FROM " + table);
    }

    @Test
    void masksEveryRawValueInPlaceExactlyAsThePinnedFormatAndLeavesNoRawValueInAnyTextColumn() throws Exception {
        rawTable("user_logins");

        Run r = maskTable();

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("ETA");
        int checked = 0;
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT user_id, masked_ip, masked_device_id FROM user_logins")) {
            while (rs.next()) {
                int g = Integer.parseInt(rs.getString(1).substring(1));
                assertThat(rs.getString(2)).as("masked_ip of u%d", g).isEqualTo(v1("ip", canonicalIp(g)));
                String dev = rawDevice(g);
                assertThat(rs.getString(3)).as("masked_device_id of u%d", g)
                        .isEqualTo(PREMASKED.equals(dev) ? PREMASKED : v1("device_id", dev));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(ROWS);
        Set<String> raw = new HashSet<>();
        for (int g = 1; g <= ROWS; g++) {
            raw.add(rawIp(g));
            raw.add(canonicalIp(g));
            raw.add(rawDevice(g));
        }
        raw.remove(null);
        raw.remove(PREMASKED);
        assertThat(Db.allText(jdbc)).noneMatch(raw::contains);
        assertThat(r.out()).contains("not IPv4 or IPv6 addresses");
        // the mask indexes stay valid and answer look-ups
        assertThat(Db.count(jdbc, "SELECT count(*) FROM pg_index WHERE indrelid = 'user_logins'::regclass AND NOT indisvalid"))
                .isZero();
        long expected = 0;
        for (int g = 1; g <= ROWS; g++) {
            expected += "192.168.1.7".equals(rawIp(g)) ? 1 : 0;
        }
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE masked_ip = '" + v1("ip", "192.168.1.7") + "'"))
                .isEqualTo(expected).isPositive();
    }

    @Test
    void aDryRunWritesNothingAndShowsOnlyMaskedOutput() {
        rawTable("user_logins");
        String before = fingerprint("user_logins");

        Run r = maskTable("--dry-run");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(fingerprint("user_logins")).isEqualTo(before);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM pg_tables WHERE tablename = 'drainboard_mask_progress'")).isZero();
        assertThat(r.out()).contains("100,000 rows").containsPattern("masked_device_id\\s+[\\d,]+ values to mask")
                .containsPattern("v1:[0-9a-f]{32}");
        String all = r.out() + r.err();
        assertThat(all).doesNotContain("dev-").doesNotContain("192.168.").doesNotContain("2001:")
                .doesNotContain("::ffff").doesNotContainPattern("\\d+\\.\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void killedFiveTimesAtRandomPointsAndResumedItEndsAsAnUninterruptedRunAndASecondRunChangesNothing()
            throws Exception {
        rawTable("user_logins");
        rawTable("copy_logins");
        assertThat(maskTable().code()).isZero();
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        long pages = Db.count(jdbc, "SELECT pg_relation_size('copy_logins') / 8192");
        int kills = 0;
        long cursor = 0;
        while (kills < 5) {
            long target = cursor + 1 + random.nextInt((int) Math.max(1, pages / 8));
            try (ChildCli child = ChildCli.start("mask-table", "--table=copy_logins", "--batch-rows=1000",
                    "--jdbc-url=" + jdbc, "--data-dir=" + dataDir)) {
                long seen = cursor;
                while (child.isAlive() && seen < target) {
                    Thread.sleep(10);
                    seen = nextPage();
                }
                assertThat(child.isAlive()).as("seed %d: the run ended before kill %d; output:%n%s", seed, kills + 1,
                        child.output()).isTrue();
                child.kill();
            }
            kills++;
            long after = nextPage();
            assertThat(after).as("seed %d: progress is kept across a kill", seed).isGreaterThanOrEqualTo(target);
            cursor = after;
        }
        assertThat(Db.count(jdbc, "SELECT count(*) FROM copy_logins WHERE masked_device_id LIKE 'dev-%'"))
                .as("seed %d: the kills came before the end", seed).isPositive();

        try (ChildCli last = ChildCli.start("mask-table", "--table=copy_logins", "--batch-rows=1000",
                "--jdbc-url=" + jdbc, "--data-dir=" + dataDir)) {
            assertThat(last.await(ChildCli.COMMAND_TIMEOUT)).as(last.output()).isZero();
            assertThat(last.output()).contains("Resumed an interrupted run");
        }

        assertThat(fingerprint("copy_logins")).isEqualTo(fingerprint("user_logins"));
        assertThat(Db.count(jdbc, "SELECT count(*) FROM (SELECT * FROM copy_logins EXCEPT ALL SELECT * FROM user_logins) x"))
                .isZero();
        String done = fingerprint("user_logins");
        Run again = maskTable();
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains(": 0 values masked in 0 rows").contains("Nothing to change");
        assertThat(fingerprint("user_logins")).isEqualTo(done);
    }

    private long nextPage() {
        return Db.count(jdbc, "SELECT coalesce(max(next_page), 0) FROM (SELECT next_page FROM drainboard_mask_progress "
                + "WHERE table_name = 'copy_logins' AND finished_at IS NULL UNION ALL SELECT 0) p");
    }

    @Test
    void refusesATableItCannotRecogniseAndSaysWhy() {
        Db.execute(jdbc, "CREATE TABLE narrow (ip varchar(16), n integer); CREATE VIEW v AS SELECT * FROM narrow");

        Run missing = maskTable("--table=nope");
        Run noColumns = maskTable("--table=narrow");
        Run tooNarrow = maskTable("--table=narrow", "--column=ip=ip");
        Run notText = maskTable("--table=narrow", "--column=n=ip");
        Run view = maskTable("--table=v", "--column=ip=ip");
        Run unknownField = maskTable("--table=narrow", "--column=ip=address");

        assertThat(missing.err()).contains("There is no table nope");
        assertThat(noColumns.err()).contains("has no column masked_ip").contains("--column");
        assertThat(tooNarrow.err()).contains("character varying(16)").contains("at least 35 characters");
        assertThat(notText.err()).contains("is integer, not varchar or text");
        assertThat(view.err()).contains("not a plain table");
        assertThat(unknownField.err()).contains("'address'").contains("is not one of the flattened login fields");
        assertThat(List.of(missing, noColumns, tooNarrow, notText, view, unknownField)).allMatch(x -> x.code() != 0);
    }
}
