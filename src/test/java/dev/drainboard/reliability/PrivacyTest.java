package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.cli.Main;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.AppConfig;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.CapturedLogs;
import dev.drainboard.support.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Known raw values go in; none of them may come out anywhere a person or a database can see. */
class PrivacyTest {

    @Test
    void noRawIpOrDeviceIdInTablesLogsOrCommandOutput() throws Exception {
        List<String> raw = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String ip = "198.51.100." + (i % 13 + 100);
            String device = "731-" + (10 + i % 7) + "-4" + (100 + i);
            raw.add(ip);
            raw.add(device);
            bodies.add(Messages.login("privacy-user-" + i, ip, device));
        }
        bodies.add("{\"ip\": \"198.51.100.250\", \"device_id\": \"731-99-9999\"}");
        raw.add("198.51.100.250");
        raw.add("731-99-9999");
        AppConfig c = TestServers.config(Map.of(ConfigKey.DB_PASSWORD, "pw-never-shown"));
        String[] common = {"--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(), "--queue=" + c.queue(),
            "--jdbc-url=" + c.jdbcUrl().orElseThrow(), "--data-dir=" + c.dataDir(), "--wait-seconds=0",
            "--db-password=pw-never-shown"};
        Path sampleFile = c.dataDir().resolve("privacy.jsonl");
        Files.write(sampleFile, bodies);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> logged;
        try (CapturedLogs captured = CapturedLogs.start()) {
            run(out, err, "seed", "--file=" + sampleFile, common);
            run(out, err, "preview", "--count=20", common);
            run(out, err, "drain", null, common);
            run(out, err, "depth", null, common);
            logged = captured.texts();
        }

        List<String> places = new ArrayList<>();
        places.addAll(Db.allText(c.jdbcUrl().orElseThrow()));
        places.add(out.toString());
        places.add(err.toString());
        places.addAll(logged);
        try (Stream<Path> logs = Files.list(c.dataDir().resolve("logs"))) {
            for (Path f : logs.toList()) {
                places.add(Files.readString(f));
            }
        }

        String fileKey = Files.readString(c.dataDir().resolve("mask.key")).trim();
        assertThat(Db.count(c.jdbcUrl().orElseThrow(), "SELECT count(*) FROM user_logins")).isEqualTo(40);
        assertThat(out.toString()).contains("v1:");
        assertThat(logged).isNotEmpty();
        for (String place : places) {
            for (String r : raw) {
                assertThat(place).doesNotContain(r);
            }
            assertThat(place).doesNotContain("pw-never-shown").doesNotContain(fileKey);
        }
    }

    private static void run(StringWriter out, StringWriter err, String command, String extra, String[] common) {
        List<String> args = new ArrayList<>(List.of(command));
        if (extra != null) {
            args.add(extra);
        }
        args.addAll(List.of(common));
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(command + ": " + err).isZero();
    }
}
