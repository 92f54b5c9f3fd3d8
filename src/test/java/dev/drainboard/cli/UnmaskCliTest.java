package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drainboard.cli.CliTest.Run;
import dev.drainboard.config.AppConfig;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.TestKeysets;
import dev.drainboard.support.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The siv scheme, `drainboard unmask` and `drainboard keys`, end to end on real ElasticMQ and PostgreSQL. */
class UnmaskCliTest {
    private static final String V2 = "^v2:[0-9a-f]{8}:[A-Za-z0-9_-]+$";
    private AppConfig c;
    private String jdbc;
    private List<String> common;

    @BeforeEach
    void servers() {
        c = TestServers.config();
        jdbc = c.jdbcUrl().orElseThrow();
        common = List.of("--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(), "--queue=" + c.queue(),
                "--jdbc-url=" + jdbc, "--data-dir=" + c.dataDir(), "--wait-seconds=0");
    }

    private Run cli(String command, String... more) {
        List<String> all = new ArrayList<>();
        all.addAll(List.of(command.split(" ")));
        all.addAll(common);
        all.addAll(List.of(more));
        return CliTest.run(all.toArray(String[]::new));
    }

    private void drainLogins(String scheme, String... logins) throws Exception {
        Path file = Files.createTempFile(c.dataDir(), "logins", ".jsonl");
        Files.write(file, List.of(logins));
        Run seed = cli("seed", "--file=" + file);
        Run drain = cli("drain", "--mask-scheme=" + scheme);
        assertThat(seed.code()).as(seed.err()).isZero();
        assertThat(drain.code()).as(drain.err()).isZero();
    }

    @Test
    void aDrainWithSchemeSivStoresV2MasksAndNoRawIpOrDeviceIdAnywhere() throws Exception {
        List<String> sample = DemoMessages.sample();
        cli("seed");

        Run drain = cli("drain", "--mask-scheme=siv");

        assertThat(drain.code()).as(drain.err()).isZero();
        assertThat(drain.out()).containsPattern("rows written\\s+99");
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE masked_ip ~ '" + V2
                + "' AND masked_device_id ~ '" + V2 + "'")).isEqualTo(99);
        List<String> raw = Messages.rawPii(sample);
        assertThat(raw).hasSize(198);
        for (String stored : Db.allText(jdbc)) {
            assertThat(raw).noneMatch(stored::contains);
        }
        Path keyset = c.dataDir().resolve("siv-keyset.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
    }

    /** The text with every mask replaced by {@code <mask>}, so absence checks never meet random ciphertext. */
    static String withoutMasks(String text) {
        return text.replaceAll("v2:[0-9a-f]{8}:[A-Za-z0-9_-]+", "<mask>").replaceAll("v1:[0-9a-f]{32}", "<mask>");
    }

    @Test
    void absenceChecksLookPastAMaskWhoseRandomCiphertextHoldsTheText() {
        String out = "u1  v2:0a1b2c3d:Qu3zdev-Xk_9  10.0.0.7\nu2  v1:" + "0123456789abcdef".repeat(2) + "\n";

        assertThat(out).contains("u3").contains("dev-");
        assertThat(withoutMasks(out)).doesNotContain("u3").doesNotContain("dev-").contains("u1").contains("10.0.0.7")
                .isEqualTo("u1  <mask>  10.0.0.7\nu2  <mask>\n");
    }

    @Test
    void unmaskRevealsOnlyTheRequestedRowsAndWritesAnAuditRow() throws Exception {
        drainLogins("siv", Messages.login("u1", "10.0.0.7", "dev-1"), Messages.login("u2", "10.0.0.7", "dev-2"),
                Messages.login("u3", "10.0.0.8", "dev-3"));
        String mask = Db.string(jdbc, "SELECT masked_ip FROM user_logins WHERE user_id = 'u1'");

        Run byMask = cli("unmask", "--column", "masked_ip", "--value", mask, "--reason", "fraud case F-17");
        Run byUser = cli("unmask", "--user-id", "u3", "--reason", "DSR ticket 123");

        assertThat(byMask.code()).as(byMask.err()).isZero();
        // the output holds v2 masks, random base64url that may contain "u3" or "dev-": look past them
        assertThat(withoutMasks(byMask.out())).contains("u1").contains("u2").doesNotContain("u3").doesNotContain("dev-");
        assertThat(byMask.out()).contains("2 row(s) for masked_ip = " + mask + ": 2 value(s) revealed, 0 not recoverable.")
                .contains("Audit row written to drainboard_reveals.");
        assertThat(byMask.out().split("10\\.0\\.0\\.7", -1)).hasSize(3);
        assertThat(withoutMasks(byUser.out())).contains("10.0.0.8").contains("dev-3").doesNotContain("u1");
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_reveals WHERE lookup = 'masked_ip' AND "
                + "lookup_value = '" + mask + "' AND row_count = 2 AND reason = 'fraud case F-17' AND os_user = '"
                + dev.drainboard.pipeline.OsUserTest.idUn() + "'")).isEqualTo(1);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_reveals WHERE lookup = 'user_id' AND "
                + "lookup_value = 'u3' AND row_count = 1")).isEqualTo(1);
    }

    @Test
    void aMissingOrBlankReasonExitsWith2AndOneLineBeforeAnythingStarts() {
        Run missing = cli("unmask", "--user-id", "u1");
        Run blank = cli("unmask", "--user-id", "u1", "--reason", "  ");

        for (Run r : List.of(missing, blank)) {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).doesNotContain("\n").startsWith("drainboard unmask: --reason is required");
        }
        assertThat(c.dataDir().toFile().list()).isEmpty();
    }

    @Test
    void aMixedTableRevealsV2RowsAndReportsV1RowsAsNotRecoverable() throws Exception {
        drainLogins("hmac", Messages.login("u1", "10.0.0.7", "dev-1"));
        drainLogins("siv", Messages.login("u1", "10.0.0.9", "dev-9"));

        Run r = cli("unmask", "--user-id", "u1", "--reason", "DSR ticket 124");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("10.0.0.9").contains("dev-9").doesNotContain("10.0.0.7")
                .contains("(not recoverable: v1 is one-way)")
                .contains("2 row(s) for user_id = u1: 2 value(s) revealed, 2 not recoverable.")
                .contains("v1 masks are one-way HMACs");
    }

    @Test
    void withoutAKeysetUnmaskFailsWithOneClearLine() throws Exception {
        drainLogins("hmac", Messages.login("u1", "10.0.0.7", "dev-1"));

        Run r = cli("unmask", "--user-id", "u1", "--reason", "DSR ticket 125");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().lines().reduce((a, b) -> b).orElse("")).startsWith("drainboard unmask: No SIV "
                + "keyset: " + c.dataDir().resolve("siv-keyset.json") + " does not exist")
                .contains("hmac (v1 masks are one-way)");
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_reveals")).isZero();
    }

    @Test
    void rotationKeepsOldRowsRecoverableAndNewRowsUseTheNewPrimary() throws Exception {
        drainLogins("siv", Messages.login("u1", "10.0.0.7", "dev-1"));
        Run rotate = cli("keys rotate");
        drainLogins("siv", Messages.login("u2", "10.0.0.7", "dev-2"));
        Run show = cli("keys show");

        assertThat(rotate.code()).as(rotate.err()).isZero();
        String primary = show.out().lines().filter(l -> l.contains("primary")).findFirst().orElseThrow()
                .substring(0, 8);
        String older = show.out().lines().filter(l -> l.contains("before a rotation")).findFirst().orElseThrow()
                .substring(0, 8);
        assertThat(Db.string(jdbc, "SELECT masked_ip FROM user_logins WHERE user_id = 'u1'"))
                .startsWith("v2:" + older + ":");
        assertThat(Db.string(jdbc, "SELECT masked_ip FROM user_logins WHERE user_id = 'u2'"))
                .startsWith("v2:" + primary + ":");
        Run old = cli("unmask", "--user-id", "u1", "--reason", "DSR ticket 126");
        assertThat(old.out()).contains("10.0.0.7").contains("dev-1").contains("1 row(s) for user_id = u1: 2 value(s) "
                + "revealed, 0 not recoverable.");
    }

    @Test
    void keysShowListsIdsAndThePrimaryButNeverKeyMaterial() throws Exception {
        Run create = cli("keys create");
        Run again = cli("keys create");
        Run show = cli("keys show");
        JsonNode keyset = new ObjectMapper().readTree(c.dataDir().resolve("siv-keyset.json").toFile());
        String material = keyset.get("key").get(0).get("keyData").get("value").asText();

        assertThat(create.code()).isZero();
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
        assertThat(show.code()).isZero();
        assertThat(show.out()).containsPattern("[0-9a-f]{8}\\s+ENABLED\\s+primary: masks new rows")
                .contains("Mask scheme for new rows: hmac");
        assertThat(create.out() + show.out() + show.err()).doesNotContain(material)
                .doesNotContain(material.substring(10, 30));
    }

    @Test
    void aWrongOrDamagedKeysetFailsCleanly() throws Exception {
        drainLogins("siv", Messages.login("u1", "10.0.0.7", "dev-1"));
        Path file = c.dataDir().resolve("siv-keyset.json");

        Files.writeString(file, TestKeysets.OTHER);
        Run wrong = cli("unmask", "--user-id", "u1", "--reason", "DSR ticket 127");
        Files.writeString(file, "not json");
        Run damaged = cli("unmask", "--user-id", "u1", "--reason", "DSR ticket 128");
        Run drain = cli("drain", "--mask-scheme=siv");

        assertThat(wrong.code()).isZero();
        assertThat(wrong.out()).doesNotContain("10.0.0.7").contains("which this keyset does not hold")
                .contains("0 value(s) revealed, 2 not recoverable");
        assertThat(damaged.code()).as("nothing can be revealed").isEqualTo(1);
        assertThat(drain.code()).as("a setting is wrong").isEqualTo(2);
        for (Run r : List.of(damaged, drain)) {
            assertThat(r.err().strip().lines().reduce((a, b) -> b).orElse("")).contains("The SIV keyset in " + file
                    + " is not a valid Tink JSON keyset").contains("Restore it from your backup");
        }
        assertThat(Files.readString(file)).isEqualTo("not json");
    }
}
