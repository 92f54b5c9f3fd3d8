package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drainboard.cli.CliTest.Run;
import dev.drainboard.config.AppConfig;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.support.Db;
import dev.drainboard.support.TestKeys;
import dev.drainboard.support.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The masking policy, end to end on real ElasticMQ and PostgreSQL. */
class MaskPolicyCliTest {
    private AppConfig c;
    private String jdbc;
    private List<String> common;

    @BeforeEach
    void servers() throws Exception {
        c = TestServers.config();
        jdbc = c.jdbcUrl().orElseThrow();
        Path key = Files.createFile(c.dataDir().resolve("mask.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, TestKeys.BASE64 + "\n");
        common = List.of("--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(), "--queue=" + c.queue(),
                "--jdbc-url=" + jdbc, "--data-dir=" + c.dataDir(), "--wait-seconds=0");
    }

    private Run cli(String command, String... more) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(common);
        all.addAll(List.of(more));
        return CliTest.run(all.toArray(String[]::new));
    }

    @Test
    void withUserIdMaskedTheSampleDrainsWithMaskedUserIdsThatStillGroupAUsersLogins() throws Exception {
        List<String> sample = DemoMessages.sample();
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(sample.get(0));
        String user = first.get("user_id").asText();
        // three more logins of the first sample user, from other addresses and devices
        List<String> more = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            more.add("{\"user_id\": \"" + user + "\", \"app_version\": \"2.3.0\", \"device_type\": \"ios\", "
                    + "\"ip\": \"10.0.0." + i + "\", \"locale\": \"RU\", \"device_id\": \"777-00-000" + i + "\"}");
        }
        Path file = Files.createTempFile(c.dataDir(), "more", ".jsonl");
        Files.write(file, more);
        assertThat(cli("seed").code()).isZero();
        assertThat(cli("seed", "--file=" + file).code()).isZero();
        Run preview = cli("preview", "--count=5", "--mask-policy=user_id=mask");

        Run drain = cli("drain", "--mask-policy=user_id=mask");
        Run depth = cli("depth", "--mask-policy=user_id=mask");

        assertThat(drain.code()).as(drain.err()).isZero();
        assertThat(preview.out()).contains("Mask policy: masked: ip, device_id, user_id");
        assertThat(depth.out()).contains("Mask policy: masked: ip, device_id, user_id");
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins")).isEqualTo(102);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE user_id !~ '^v1:[0-9a-f]{32}$'")).isZero();
        // the same key and format as ip and device_id: joinable by an independent computation
        Map<String, Integer> logins = new HashMap<>();
        for (String body : sample) {
            try {
                JsonNode n = json.readTree(body);
                if (n.hasNonNull("user_id")) {
                    logins.merge(n.get("user_id").asText(), 1, Integer::sum);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
                // the one malformed sample message becomes a rejection
            }
        }
        String masked = MaskTableCliTest.v1("user_id", user);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE user_id = '" + masked + "'")).isEqualTo(4);
        assertThat(Db.count(jdbc, "SELECT count(DISTINCT masked_ip) FROM user_logins WHERE user_id = '" + masked + "'"))
                .isEqualTo(4);
        assertThat(Db.count(jdbc, "SELECT count(DISTINCT user_id) FROM user_logins"))
                .isEqualTo(Db.count(jdbc, "SELECT count(*) FROM user_logins") - 3);
        List<String> stored = Db.allText(jdbc);
        assertThat(logins.keySet()).noneMatch(stored::contains);
    }

    @Test
    void aPolicyThatKeepsIpRawIsRefusedWithoutTheFlagThatSaysSo() {
        Run keepIp = cli("drain", "--mask-policy=ip=keep");
        Run keepDevice = cli("depth", "--mask-policy=device_id=keep");

        assertThat(keepIp.code()).isEqualTo(2);
        assertThat(keepIp.err()).contains("ip=keep would store raw ip values").contains("--allow-raw-pii");
        assertThat(keepDevice.code()).isEqualTo(2);
        assertThat(keepDevice.err()).contains("device_id=keep").contains("--allow-raw-pii");
        assertThat(Db.count(jdbc, "SELECT count(*) FROM pg_tables WHERE tablename = 'user_logins'")).isZero();
    }

    @Test
    void maskTableUnderAPolicyThatMasksUserIdAlsoMasksTheStoredUserIdsAsTheDrainWould() throws Exception {
        Db.execute(jdbc, "CREATE TABLE user_logins (user_id varchar(128), device_type varchar(32), masked_ip varchar(256), "
                + "masked_device_id varchar(256), locale varchar(32), app_version integer, create_date date);"
                + "INSERT INTO user_logins (user_id, masked_ip, masked_device_id) VALUES ('alice', '10.1.1.1', 'd1'), "
                + "('alice', '10.1.1.2', 'd2'), ('bob', '10.1.1.1', 'd3')");

        Run r = CliTest.run("mask-table", "--jdbc-url=" + jdbc, "--data-dir=" + c.dataDir(), "--mask-policy=user_id=mask");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("user_id=user_id").contains("9 values masked in 3 rows");
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE user_id = '"
                + MaskTableCliTest.v1("user_id", "alice") + "'")).isEqualTo(2);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE masked_ip = '"
                + MaskTableCliTest.v1("ip", "10.1.1.1") + "'")).isEqualTo(2);
    }
}
