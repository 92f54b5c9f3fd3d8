package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drainboard.model.DrainStats;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.support.Db;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestKeys;
import dev.drainboard.support.TestServers;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link DrainOptions#following()} in the pipeline: empty receives and long outages do not end the drain. */
class FollowDrainTest {

    /** Counts empty receives and records outage reports. */
    private static final class Watch implements ProgressListener {
        final AtomicInteger emptyReceives = new AtomicInteger();
        final List<String> outages = new CopyOnWriteArrayList<>();

        @Override
        public void onReceived(int messages, Duration took) {
            if (messages == 0) {
                emptyReceives.incrementAndGet();
            }
        }

        @Override
        public void onOutage(Server server, boolean down) {
            outages.add(server + (down ? " down" : " back"));
        }
    }

    @Test
    void aFollowingDrainKeepsPollingAnEmptyQueueAndDrainsWhatArrivesUntilStopped() throws Exception {
        try (Pipeline p = new Pipeline(TestServers.config())) {
            Watch watch = new Watch();
            StopSignal stop = new StopSignal();
            CompletableFuture<DrainStats> drain = CompletableFuture.supplyAsync(() -> p.drainer.drainAll(
                    new DrainOptions(2, 0, Duration.ZERO).following(), watch, stop));
            await().atMost(Duration.ofSeconds(30)).until(() -> watch.emptyReceives.get() >= 6);
            assertThat(drain).isNotDone();

            p.source.send(DemoMessages.generate(40, 0, 0, 8));
            await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(p.jdbc(),
                    "SELECT count(*) FROM drainboard_ledger") == 40);
            assertThat(drain).isNotDone();
            stop.stop();
            DrainStats s = drain.get(30, TimeUnit.SECONDS);

            assertThat(s.totals().written()).isEqualTo(40);
            assertThat(s.totals().deleted()).isEqualTo(40);
            assertThat(p.source.depth().total()).isZero();
        }
    }

    @Test
    void aFollowingDrainWaitsOutAnOutageLongerThanTheGiveUpTimeAndReportsItsEnd() throws Exception {
        try (Pipeline p = new Pipeline(TestServers.config())) {
            p.source.send(DemoMessages.generate(30, 0, 0, 9));
            DrainPropertiesTest.FlakySink flaky = new DrainPropertiesTest.FlakySink(p.writer, 12);
            Drainer drainer = new Drainer(p.source, new LoginParser(), new HmacMasker(TestKeys.BYTES), flaky,
                    Clock.systemUTC());
            Watch watch = new Watch();
            StopSignal stop = new StopSignal();
            CompletableFuture<DrainStats> drain = CompletableFuture.supplyAsync(() -> drainer.drainAll(
                    new DrainOptions(2, 0, Duration.ZERO, Duration.ofMillis(50), Duration.ofMillis(400)).following(),
                    watch, stop));

            await().atMost(Duration.ofSeconds(60)).until(() -> Db.count(p.jdbc(),
                    "SELECT count(*) FROM drainboard_ledger") == 30);
            stop.stop();
            DrainStats s = drain.get(30, TimeUnit.SECONDS);

            assertThat(flaky.failed.get()).isEqualTo(12);
            assertThat(s.totals().written()).isEqualTo(30);
            assertThat(watch.outages).contains("POSTGRESQL down", "POSTGRESQL back");
            assertThat(watch.outages.get(watch.outages.size() - 1)).isEqualTo("POSTGRESQL back");
        }
    }
}
