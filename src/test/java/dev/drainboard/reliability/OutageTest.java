package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drainboard.config.ConfigKey;
import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.embedded.EmbeddedSqs;
import dev.drainboard.embedded.QueueStore;
import dev.drainboard.model.DrainStats;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.pipeline.DrainException;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.support.TestKeys;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import java.time.Clock;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.support.Db;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers going away in the middle of a drain, and coming back. */
class OutageTest {
    private static final int N = 1_500;

    /** Collects statuses and opens a latch once enough messages are done. */
    private static final class Watch implements ProgressListener {
        final List<String> statuses = new CopyOnWriteArrayList<>();
        final CountDownLatch someDone = new CountDownLatch(1);

        @Override
        public void onProgress(DrainStats s) {
            if (s.done() >= 200) {
                someDone.countDown();
            }
        }

        @Override
        public void onStatus(String message) {
            statuses.add(message);
        }
    }

    @Test
    void aPostgresOutageIsWaitedOutAndNothingIsLostOrDoubled(@TempDir Path dir) throws Exception {
        Path pgData = dir.resolve("pg");
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.startThrowaway(pgData, 0);
        int port = pg.port();
        String jdbc = pg.jdbcUrl();
        try (Pipeline p = new Pipeline(TestServers.config(Map.of(ConfigKey.JDBC_URL, jdbc,
                ConfigKey.VISIBILITY_TIMEOUT, "5")))) {
            p.source.send(DemoMessages.generate(N, 0.2, 0.02, 11));
            long malformed = expectedMalformed(N, 11);
            Watch watch = new Watch();
            CompletableFuture<DrainStats> drain = CompletableFuture.supplyAsync(() -> p.drainer.drainAll(
                    new DrainOptions(2, 0, Duration.ZERO, Duration.ofMillis(200)), watch, new StopSignal()));

            assertThat(watch.someDone.await(60, TimeUnit.SECONDS)).isTrue();
            pg.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> watch.statuses.stream()
                    .anyMatch(s -> s.startsWith("PostgreSQL unreachable, retrying in")));
            assertThat(drain).isNotDone();
            pg = EmbeddedPostgresServer.startThrowaway(pgData, port);

            DrainStats s = drain.get(120, TimeUnit.SECONDS);

            assertThat(s.totals().written() + s.totals().rejected() + s.totals().duplicates()).isEqualTo(N);
            assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(jdbc, "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_rejections")).isEqualTo(malformed);
            assertThat(p.source.depth().total()).isZero();
        } finally {
            pg.close();
        }
    }

    @Test
    void anSqsOutageIsWaitedOutAndNothingIsLostOrDoubled(@TempDir Path dir) throws Exception {
        QueueStore store = QueueStore.on(TestServers.postgres(), "outage_store_" + ProcessHandle.current().pid());
        EmbeddedSqs sqs = EmbeddedSqs.start(0, store);
        int port = sqs.endpoint().getPort();
        try (Pipeline p = new Pipeline(TestServers.config(Map.of(ConfigKey.SQS_ENDPOINT, sqs.endpoint().toString(),
                ConfigKey.VISIBILITY_TIMEOUT, "2")))) {
            p.source.send(DemoMessages.generate(N, 0.2, 0.02, 12));
            long malformed = expectedMalformed(N, 12);
            Watch watch = new Watch();
            CompletableFuture<DrainStats> drain = CompletableFuture.supplyAsync(() -> p.drainer.drainAll(
                    new DrainOptions(2, 0, Duration.ZERO, Duration.ofMillis(200)), watch, new StopSignal()));

            assertThat(watch.someDone.await(60, TimeUnit.SECONDS)).isTrue();
            sqs.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> watch.statuses.stream()
                    .anyMatch(s -> s.startsWith("SQS unreachable, retrying in")));
            sqs = EmbeddedSqs.start(port, store);
            drain.get(120, TimeUnit.SECONDS);
            // Messages received before the outage and not deleted come back after their visibility
            // timeout; a second pass commits them (or skips them as already written).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                p.drainer.drainAll(new DrainOptions(2, 0, Duration.ZERO), ProgressListener.NONE, new StopSignal());
                return p.source.depth().total() == 0;
            });

            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections")).isEqualTo(malformed);
        } finally {
            sqs.close();
        }
    }

    @Test
    void aDrainGivesUpOnAnOutageThatLastsTooLongAndDeletesNothing() {
        try (Pipeline p = new Pipeline(TestServers.config())) {
            p.source.send(DemoMessages.generate(30, 0, 0, 5));
            DrainPropertiesTest.FlakySink down = new DrainPropertiesTest.FlakySink(p.writer, Integer.MAX_VALUE);
            Drainer drainer = new Drainer(p.source, new LoginParser(), new HmacMasker(TestKeys.BYTES), down,
                    Clock.systemUTC());
            Watch watch = new Watch();

            assertThatThrownBy(() -> drainer.drainAll(new DrainOptions(2, 0, Duration.ZERO, Duration.ofMillis(50),
                    Duration.ofMillis(400)), watch, new StopSignal()))
                    .isInstanceOf(DrainException.class)
                    .hasMessageContaining("PostgreSQL unreachable for more than 400 ms; giving up")
                    .hasMessageContaining("Nothing held was deleted");

            assertThat(watch.statuses).anyMatch(s -> s.startsWith("PostgreSQL unreachable, retrying in"));
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_ledger")).isZero();
            assertThat(p.source.depth().available()).isEqualTo(30);
        }
    }

    /** Malformed messages among {@code DemoMessages.generate(N, 0.3, 0.01, 4)} with N = 10,000. */
    static long expectedMalformed4() {
        return malformedAmong(10_000, 0.3, 0.01, 4);
    }

    static long expectedMalformed(int n, long seed) {
        return malformedAmong(n, 0.2, 0.02, seed);
    }

    static long malformedAmong(int n, double dup, double bad, long seed) {
        DemoMessages.Generator g = new DemoMessages.Generator(dup, bad, seed);
        for (int i = 0; i < n; i++) {
            g.next();
        }
        return g.malformed();
    }
}
