package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drainboard.app.Workspace;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.support.ChildCli;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise "a crash loses nothing", on the configuration every newcomer runs: the embedded
 * default (in-process ElasticMQ whose store is the embedded PostgreSQL), no endpoints, no key in
 * the environment. Child JVMs seed and drain one data folder and are killed with SIGKILL together
 * with their PostgreSQL postmaster: a seed right after it was told every send was acknowledged, a
 * drain at a random moment. Afterwards the folder opens again without help and every acknowledged
 * message is exactly one row or one rejection.
 */
class EmbeddedCrashTest {
    private static final int PER_SEED = 1_500;
    private static final int KILLS = 10;
    private static final int SAMPLE = 100;

    @Test
    void killingTheEmbeddedDefaultAtRandomMomentsLosesAndDoublesNothing(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        String dataDir = "--data-dir=" + data;
        Random rnd = new Random(20261201);
        long sent = seedAndKill(data, dataDir) + SAMPLE; // the first start of a new folder sends the sample
        int kills = 1;
        int seedKills = 1;
        int drainsSinceSeed = 0;
        for (int attempt = 0; kills < KILLS && attempt < 4 * KILLS; attempt++) {
            boolean killed;
            try (ChildCli drain = ChildCli.start("drain", "--workers=4", "--visibility-timeout=2", "--wait-seconds=0",
                    dataDir)) {
                assertThat(drain.awaitLine(l -> l.startsWith("Masking:"), ChildCli.COMMAND_TIMEOUT))
                        .as(drain.output()).isTrue();
                Thread.sleep(rnd.nextInt(1_200));
                killed = drain.isAlive();
                if (killed) {
                    drain.kill();
                    ChildCli.killEmbeddedPostgres(data);
                    kills++;
                    drainsSinceSeed++;
                } else {
                    assertThat(drain.await(ChildCli.COMMAND_TIMEOUT)).as(drain.output()).isZero();
                }
            }
            // a drain that ended on its own emptied the queue: refill it (a faster machine only seeds more often)
            if (!killed || drainsSinceSeed == 3) {
                sent += seedAndKill(data, dataDir);
                kills++;
                seedKills++;
                drainsSinceSeed = 0;
            }
        }
        sent += seedAndKill(data, dataDir); // so that the restart below finds work left by a kill
        kills++;
        seedKills++;
        assertThat(kills).as("real SIGKILLs of the embedded default").isGreaterThanOrEqualTo(KILLS);
        assertThat(kills - seedKills).as("of them while draining").isGreaterThanOrEqualTo(KILLS / 2);

        // The folder opens again without help: orphaned server stopped, store whole, nothing recreated.
        Map<ConfigKey, String> flags = Map.of(ConfigKey.DATA_DIR, data.toString(), ConfigKey.VISIBILITY_TIMEOUT, "2");
        try (Workspace ws = Workspace.open(ConfigLoader.load(flags), s -> { })) {
            long atRestart = ws.source().depth().total();
            long rowsAtRestart = count(ws, "SELECT count(*) FROM drainboard_ledger");
            assertThat(atRestart + rowsAtRestart).as("acknowledged messages are all still somewhere")
                    .isGreaterThanOrEqualTo(sent);
            assertThat(rowsAtRestart).as("the kills left work to finish").isLessThan(sent);

            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
                ws.drainer().drainAll(new DrainOptions(4, 0, Duration.ZERO), ProgressListener.NONE, new StopSignal());
                return ws.source().depth().total() == 0;
            });

            long rows = count(ws, "SELECT count(*) FROM user_logins");
            long rejections = count(ws, "SELECT count(*) FROM drainboard_rejections");
            assertThat(rows + rejections).as("sent = rows + rejections (queue now empty)").isEqualTo(sent);
            assertThat(count(ws, "SELECT count(*) FROM drainboard_ledger WHERE outcome = 'row'"))
                    .as("no row doubled: one ledger entry per row").isEqualTo(rows);
            assertThat(count(ws, "SELECT count(*) FROM drainboard_ledger WHERE outcome = 'rejected'"))
                    .isEqualTo(rejections);
            assertThat(rejections).as("the malformed share of the generated logins, plus the sample's one")
                    .isPositive();
        }
    }

    /**
     * Runs {@code seed}, and SIGKILLs it and its PostgreSQL the moment it printed that the queue
     * acknowledged every send; returns how many it sent.
     */
    private static long seedAndKill(Path data, String dataDir) throws Exception {
        try (ChildCli seed = ChildCli.start("seed", "--count=" + PER_SEED, dataDir)) {
            assertThat(seed.awaitLine(l -> l.startsWith("Sent " + PER_SEED + " messages"), ChildCli.COMMAND_TIMEOUT))
                    .as(seed.output()).isTrue();
            seed.kill();
            ChildCli.killEmbeddedPostgres(data);
        }
        return PER_SEED;
    }

    private static long count(Workspace ws, String sql) throws Exception {
        try (Connection c = ws.sink().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
