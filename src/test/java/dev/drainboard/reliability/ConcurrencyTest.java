package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several independent drainers on one queue and one database. */
class ConcurrencyTest {
    private static final int N = 10_000;

    @Test
    void fourDrainersInOneProcessWriteEveryMessageExactlyOnce() throws Exception {
        AppConfig c = TestServers.config(Map.of(ConfigKey.WORKERS, "2"));
        List<Pipeline> drainers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                drainers.add(new Pipeline(c));
            }
            drainers.get(0).source.send(DemoMessages.generate(N, 0.3, 0.01, 4));
            long malformed = OutageTest.expectedMalformed4();
            List<CompletableFuture<Long>> runs = new ArrayList<>();
            for (Pipeline p : drainers) {
                runs.add(CompletableFuture.supplyAsync(() -> p.drainer.drainAll(
                        new DrainOptions(2, 0, Duration.ofSeconds(1)), ProgressListener.NONE, new StopSignal())
                        .done()));
            }
            long done = 0;
            List<Long> each = new ArrayList<>();
            for (CompletableFuture<Long> r : runs) {
                each.add(r.get(180, TimeUnit.SECONDS));
                done += each.get(each.size() - 1);
            }

            String jdbc = c.jdbcUrl().orElseThrow();
            assertThat(done).isEqualTo(N);
            assertThat(each).as("every drainer took part").allMatch(n -> n > 0);
            assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(jdbc, "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_rejections")).isEqualTo(malformed);
            assertThat(drainers.get(0).source.depth().total()).isZero();
        } finally {
            drainers.forEach(Pipeline::close);
        }
    }

    @Test
    void twoDrainerProcessesWriteEveryMessageExactlyOnce(@TempDir Path dir) throws Exception {
        AppConfig c = TestServers.config();
        try (Pipeline p = new Pipeline(c)) {
            p.source.send(DemoMessages.generate(N, 0.3, 0.01, 4));
            long malformed = OutageTest.expectedMalformed4();

            Process a = ChildDrain.start(c, dir.resolve("a.log"), "--workers=2");
            Process b = ChildDrain.start(c, dir.resolve("b.log"), "--workers=2");
            assertThat(a.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(b.waitFor(180, TimeUnit.SECONDS)).isTrue();

            assertThat(a.exitValue()).as(Files.readString(dir.resolve("a.log"))).isZero();
            assertThat(b.exitValue()).as(Files.readString(dir.resolve("b.log"))).isZero();
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections")).isEqualTo(malformed);
            assertThat(p.source.depth().total()).isZero();
            assertThat(Files.readString(dir.resolve("a.log")) + Files.readString(dir.resolve("b.log")))
                    .containsPattern("received\\s+[1-9]");
        }
    }
}
