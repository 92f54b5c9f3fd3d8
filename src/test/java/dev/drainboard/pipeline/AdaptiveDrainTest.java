package dev.drainboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.config.AppConfig;
import dev.drainboard.model.DrainStats;
import dev.drainboard.support.Db;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An adaptive drain (receivers limited by {@link AdaptiveLimit}, {@code workers} as the maximum)
 * against a real ElasticMQ and PostgreSQL: it stores every message once, ends when the queue is
 * empty or the budget is spent (workers the limit kept waiting end too), and its limit stays
 * within 1..workers.
 */
class AdaptiveDrainTest {

    @Test
    void storesEveryMessageOnceAndEmptiesTheQueue() {
        AppConfig config = TestServers.config();
        try (Pipeline p = new Pipeline(config)) {
            p.source.send(DemoMessages.generate(3000, 0, 0, 11));
            List<Integer> limits = new CopyOnWriteArrayList<>();

            DrainStats s = p.drainer.drainAll(DrainOptions.all(8, Duration.ZERO).adaptiveUpTo(),
                    ProgressListener.NONE, new StopSignal(), limits::add);

            assertThat(s.done()).isEqualTo(3000);
            assertThat(s.totals().duplicates()).isZero();
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(3000);
            assertThat(p.source.depth().available() + p.source.depth().inFlight()).isZero();
            assertThat(limits).allSatisfy(n -> assertThat(n).isBetween(1, 8));
        }
    }

    @Test
    void endsAtTheBudgetWithWaitingWorkersToo() {
        AppConfig config = TestServers.config();
        try (Pipeline p = new Pipeline(config)) {
            p.source.send(DemoMessages.generate(200, 0, 0, 12));

            DrainStats s = p.drainer.drainAll(new DrainOptions(16, 50, Duration.ZERO).adaptiveUpTo(),
                    ProgressListener.NONE, new StopSignal());

            assertThat(s.received()).isEqualTo(50);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(50);
            assertThat(p.source.depth().available()).isEqualTo(150);
        }
    }
}
