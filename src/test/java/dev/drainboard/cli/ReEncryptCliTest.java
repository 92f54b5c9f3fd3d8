package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.cli.CliTest.Run;
import dev.drainboard.config.SivKeyset;
import dev.drainboard.config.SivKeysets;
import dev.drainboard.support.ChildCli;
import dev.drainboard.support.Db;
import dev.drainboard.support.TestKeysets;
import dev.drainboard.support.TestServers;
import dev.drainboard.transform.SivMasker;
import dev.drainboard.transform.Unmasker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code drainboard keys re-encrypt} after two rotations: rows masked under two old keys end under
 * the new primary, all still revealable, duplicates still equal, with a SIGKILL mid-way.
 */
class ReEncryptCliTest {
    static final int ROWS = 20_000;

    @Test
    void rowsUnderTwoOldKeysEndUnderTheNewOneRevealableAndEqualAfterAKillMidWay() throws Exception {
        String jdbc = TestServers.freshDatabase();
        Path dataDir = TestServers.tempDir();
        Path keysetFile = Files.createFile(dataDir.resolve(SivKeysets.FILE_NAME),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keysetFile, TestKeysets.ONE);
        List<String> common = List.of("--jdbc-url=" + jdbc, "--data-dir=" + dataDir);
        SivMasker keyA = new SivMasker(keyset(keysetFile).handle());
        assertThat(cli("keys rotate", common).code()).isZero();
        SivMasker keyB = new SivMasker(keyset(keysetFile).handle());
        Db.execute(jdbc, "CREATE TABLE user_logins (user_id varchar(128), device_type varchar(32), masked_ip varchar(256), "
                + "masked_device_id varchar(256), locale varchar(32), app_version varchar(32), create_date date)");
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("INSERT INTO user_logins (user_id, masked_ip, masked_device_id) "
                     + "VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int g = 1; g <= ROWS; g++) {
                // half under the first key, half under the second; every ip and device repeats across both
                SivMasker k = g % 2 == 0 ? keyA : keyB;
                ps.setString(1, "u" + g);
                ps.setString(2, k.mask("ip", ip(g)));
                ps.setString(3, g % 50 == 0 ? null : k.mask("device_id", device(g)));
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
        SivKeyset rotated = rotateAgain(common, keysetFile);
        Db.execute(jdbc, dev.drainboard.sink.TableRewriter.PROGRESS_DDL); // so the test can watch it from the start
        String newKey = SivMasker.keyIdText(rotated.primaryId());

        try (ChildCli child = ChildCli.start("keys", "re-encrypt", "--batch-rows=200", "--jdbc-url=" + jdbc,
                "--data-dir=" + dataDir)) {
            long seen = 0;
            while (child.isAlive() && seen < 20) {
                Thread.sleep(10);
                seen = Db.count(jdbc, "SELECT coalesce(max(next_page), 0) FROM (SELECT next_page FROM "
                        + "drainboard_mask_progress WHERE job = 're-encrypt' UNION ALL SELECT 0) p");
            }
            assertThat(child.isAlive()).as(child.output()).isTrue();
            child.kill();
        }
        long movedBeforeTheKill = Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE masked_ip LIKE 'v2:" + newKey
                + ":%'");
        assertThat(movedBeforeTheKill).isPositive().isLessThan(ROWS);

        Run resumed = cli("keys re-encrypt", common);

        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resumed an interrupted run").contains("moved to key " + newKey);
        Unmasker open = new Unmasker(rotated.handle());
        Set<String> ipMasks = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT user_id, masked_ip, masked_device_id FROM user_logins")) {
            while (rs.next()) {
                int g = Integer.parseInt(rs.getString(1).substring(1));
                assertThat(rs.getString(2)).startsWith("v2:" + newKey + ":");
                assertThat(open.unmask("ip", rs.getString(2)).value()).isEqualTo(ip(g));
                if (g % 50 == 0) {
                    assertThat(rs.getString(3)).isNull();
                } else {
                    assertThat(open.unmask("device_id", rs.getString(3)).value()).isEqualTo(device(g));
                }
                ipMasks.add(rs.getString(2));
            }
        }
        // duplicates are equal again: one mask per distinct ip, across both old keys
        Set<String> distinctIps = new HashSet<>();
        for (int g = 1; g <= ROWS; g++) {
            distinctIps.add(ip(g));
        }
        assertThat(ipMasks).hasSize(distinctIps.size());
        // one audit row per run; together they count every value exactly once
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_reencryptions")).isEqualTo(2);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_reencryptions WHERE finished_at IS NULL")).isEqualTo(1);
        long values = ROWS + ROWS - ROWS / 50;
        assertThat(Db.count(jdbc, "SELECT sum(values_changed) FROM drainboard_reencryptions")).isEqualTo(values);
        String oldKeys = Db.string(jdbc, "SELECT old_key_ids FROM drainboard_reencryptions WHERE finished_at IS NOT NULL");
        assertThat(oldKeys.split(",")).containsExactlyInAnyOrder(
                SivMasker.keyIdText(SivKeysets.parse(TestKeysets.ONE, "a").primaryId()), keyB.mask("ip", "x").substring(3, 11));
        assertThat(Db.string(jdbc, "SELECT new_key_id FROM drainboard_reencryptions WHERE finished_at IS NOT NULL"))
                .isEqualTo(newKey);

        Run again = cli("keys re-encrypt", common);
        assertThat(again.out()).contains(": 0 values in 0 rows moved");
    }

    private static SivKeyset rotateAgain(List<String> common, Path keysetFile) throws Exception {
        assertThat(cli("keys rotate", common).code()).isZero();
        return keyset(keysetFile);
    }

    private static SivKeyset keyset(Path file) throws Exception {
        return SivKeysets.parse(Files.readString(file), "test");
    }

    private static Run cli(String command, List<String> common) {
        List<String> all = new ArrayList<>(List.of(command.split(" ")));
        all.addAll(common);
        return CliTest.run(all.toArray(String[]::new));
    }

    static String ip(int g) {
        return "10.2." + (g % 300 / 256) + "." + (g % 300 % 256);
    }

    static String device(int g) {
        return "dev-" + (g % 700);
    }
}
