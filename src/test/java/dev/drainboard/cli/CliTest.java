package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.config.AppConfig;
import dev.drainboard.support.Db;
import dev.drainboard.support.TestKeys;
import dev.drainboard.support.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless commands, end to end, as a user would type them. */
class CliTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void onTheEmbeddedDefaultSeedThenDrainLeaves99RowsAndOneRejection(@TempDir Path dataDir) {
        String dir = "--data-dir=" + dataDir;

        Run depth = run("depth", dir, "--wait-seconds=0");
        Run drain = run("drain", dir, "--wait-seconds=0");
        Run after = run("depth", dir, "--wait-seconds=0");

        assertThat(depth.code()).as(depth.err()).isZero();
        assertThat(depth.out()).containsPattern("login-queue\\s+100\\s+0\\s+0");
        assertThat(depth.err()).contains("First start: sending the 100 sample messages");
        assertThat(drain.code()).as(drain.err()).isZero();
        assertThat(drain.out()).containsPattern("rows written\\s+99").containsPattern("rejected\\s+1")
                .containsPattern("deleted\\s+100");
        assertThat(after.out()).containsPattern("login-queue\\s+0\\s+0\\s+0")
                .containsPattern("login-queue-dlq\\s+1\\s+0\\s+0")
                .contains("99 rows in user_logins, 1 rejections");
        assertThat(after.err()).doesNotContain("First start");
    }

    @Test
    void externalServersAreUsedWhenConfigured() {
        AppConfig c = TestServers.config();
        List<String> common = new ArrayList<>(List.of("--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(),
                "--queue=" + c.queue(), "--jdbc-url=" + c.jdbcUrl().orElseThrow(), "--data-dir=" + c.dataDir(),
                "--wait-seconds=0"));

        Run seed = run(with("seed", common));
        Run preview = run(with("preview", common, "--count=3"));
        Run drain = run(with("drain", common, "--workers=2"));

        assertThat(seed.code()).as(seed.err()).isZero();
        assertThat(seed.out()).contains("Sent 100 messages (from the sample)");
        assertThat(preview.out()).contains("3 rows, 0 rejected. Nothing was written").contains("v1:");
        assertThat(drain.out()).containsPattern("rows written\\s+99");
        assertThat(Db.count(c.jdbcUrl().orElseThrow(), "SELECT count(*) FROM user_logins")).isEqualTo(99);
        assertThat(seed.err() + preview.err() + drain.err()).doesNotContain(TestKeys.BASE64);
    }

    @Test
    void anUnreachableDatabaseFailsWithOneLineAndExitCode1(@TempDir Path dataDir) {
        AppConfig c = TestServers.config();

        Run r = run("drain", "--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(), "--queue=" + c.queue(),
                "--jdbc-url=jdbc:postgresql://127.0.0.1:1/nowhere", "--data-dir=" + dataDir);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().lines().reduce((a, b) -> b).orElse(""))
                .startsWith("drainboard drain: Could not prepare the tables: PostgreSQL at jdbc:postgresql://127.0.0.1:1/"
                        + "nowhere is not reachable");
    }

    @Test
    void invalidSettingsExitWith2BeforeAnyWork(@TempDir Path dataDir) {
        Run r = run("drain", "--workers=0", "--data-dir=" + dataDir);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--workers = '0': must be between 1 and 64");
        assertThat(dataDir.toFile().list()).isEmpty();
    }

    @Test
    void helpNeverShowsSecrets() {
        Run r = run("drain", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--jdbc-url").contains("--max").doesNotContain(TestKeys.BASE64);
    }

    private static String[] with(String command, List<String> common, String... more) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
