package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.support.ChildDrain;
import dev.drainboard.support.Db;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a draining JVM with SIGKILL at random moments, again and again, then finishes the drain:
 * every message must end as exactly one row or one rejection.
 */
class CrashTest {
    private static final int N = 4_000;
    private static final int KILLS = 20;

    @Test
    void killingTheDrainerAtRandomMomentsLosesAndDoublesNothing(@TempDir Path dir) throws Exception {
        AppConfig c = TestServers.config(Map.of(ConfigKey.VISIBILITY_TIMEOUT, "2"));
        Random rnd = new Random(20261124);
        try (Pipeline p = new Pipeline(c)) {
            p.source.send(DemoMessages.generate(N, 0.2, 0.02, 99));
            long malformed = OutageTest.expectedMalformed(N, 99);
            int kills = ChildDrain.killRepeatedly(c, p.jdbc(), dir, KILLS, rnd, "--workers=2");
            assertThat(kills).as("drains killed while running").isEqualTo(KILLS);
            long committedBeforeFinish = Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_ledger");
            assertThat(committedBeforeFinish).as("the kills left work to finish").isLessThan(N);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                p.drainer.drainAll(new DrainOptions(2, 0, Duration.ZERO), ProgressListener.NONE, new StopSignal());
                return p.source.depth().total() == 0;
            });

            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_ledger")).isEqualTo(N);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections")).isEqualTo(malformed);
            assertThat(p.source.depth().total()).isZero();
        }
    }
}
