package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.app.Workspace;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.support.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C, a service manager or {@code kill} sends) stops a drain on the embedded
 * default cleanly: the commit in flight finishes, the batches in hand go back to the queue at once
 * (not after their visibility timeout), and the servers stop in order without errors.
 */
class CleanStopTest {
    private static final int N = 8_000;

    @Test
    void sigtermMidDrainReleasesTheBatchesInHandAndStopsTheServersInOrder(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        String dataDir = "--data-dir=" + data;
        String seedOutput;
        try (ChildCli seed = ChildCli.start("seed", "--count=" + N, dataDir)) {
            assertThat(seed.await(ChildCli.COMMAND_TIMEOUT)).as(seed.output()).isZero();
            seedOutput = seed.output();
        }
        long sent = N + 100; // and the sample of the first start

        String drainOutput;
        try (ChildCli drain = ChildCli.start("drain", "--workers=2", "--visibility-timeout=600", dataDir)) {
            // the first progress line: the drain is under way, with commits behind it and batches in hand
            assertThat(drain.awaitLine(l -> l.startsWith("  ... "), ChildCli.COMMAND_TIMEOUT)).as(drain.output())
                    .isTrue();
            assertThat(drain.isAlive()).as("still draining when the signal comes").isTrue();
            drain.terminate();
            drain.await(Duration.ofSeconds(40));
            assertThat(drain.output()).as(Files.readString(data.resolve("logs").resolve("drainboard.log"))).contains("released").doesNotContain("Exception").doesNotContain("ERROR")
                    .doesNotContain("already closed");
            drainOutput = drain.output();
        }
        // what the commands printed (the psql line included) never holds a password of the embedded PostgreSQL
        String pgpass = Files.readString(data.resolve("pgpass"));
        for (String line : pgpass.split("\n")) {
            String password = line.substring(line.lastIndexOf(':') + 1);
            assertThat(seedOutput + drainOutput + Files.readString(data.resolve("logs").resolve("drainboard.log")))
                    .doesNotContain(password);
        }
        assertThat(seedOutput).contains("PGPASSFILE=" + data.resolve("pgpass") + " psql -h 127.0.0.1 -p ");
        assertThat(Files.readString(data.resolve("logs").resolve("drainboard.log")))
                .contains("Asked to stop").doesNotContain("ERROR");

        try (Workspace ws = Workspace.open(ConfigLoader.load(Map.of(ConfigKey.DATA_DIR, data.toString())), s -> { })) {
            QueueDepth d = ws.source().depth();
            assertThat(d.inFlight()).as("nothing left invisible until a 600 s lease runs out").isZero();
            long stored;
            try (Connection c = ws.sink().dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM user_logins) "
                         + "+ (SELECT count(*) FROM drainboard_rejections)")) {
                r.next();
                stored = r.getLong(1);
            }
            assertThat(stored).as("the drain was stopped part-way").isPositive().isLessThan(sent);
            assertThat(stored + d.available()).isEqualTo(sent);
        }
    }
}
