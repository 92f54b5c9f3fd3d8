package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drainboard.config.ConfigKey;
import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoisonAndLeaseTest {

    @Test
    void aRowTheDatabaseRefusesGoesToTheDeadLetterQueueWithAReasonAndTheRestIsWritten() {
        try (Pipeline p = new Pipeline(TestServers.config())) {
            Db.execute(p.jdbc(), "ALTER TABLE user_logins ADD CONSTRAINT no_poison CHECK (user_id <> 'poison')");
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                bodies.add(Messages.login(i == 17 ? "poison" : "u" + i, "10.1.1." + i, "100-00-00" + i));
            }
            p.source.send(bodies);

            DrainStats s = p.drainer.drainAll(new DrainOptions(2, 0, Duration.ZERO), ProgressListener.NONE,
                    new StopSignal());

            assertThat(s.totals().written()).isEqualTo(29);
            assertThat(s.totals().rejected()).isEqualTo(1);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(29);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections WHERE reason = "
                    + "'PostgreSQL refused the row: SQLSTATE 23514'")).isEqualTo(1);
            assertThat(p.source.depth().total()).isZero();
            assertThat(p.source.deadLetterDepth().available()).isEqualTo(1);
        }
    }

    @Test
    void committingABatchWhoseLeaseExpiredDoesNotDoubleRows() {
        try (Pipeline slow = new Pipeline(TestServers.config(Map.of(ConfigKey.VISIBILITY_TIMEOUT, "1")))) {
            slow.source.send(List.of(Messages.login("a", "10.0.0.1", "1"), Messages.login("b", "10.0.0.2", "2")));
            Batch held = slow.drainer.fetchBatch(2, Duration.ZERO);
            assertThat(held.size()).isEqualTo(2);

            await().atMost(Duration.ofSeconds(10)).until(() -> slow.source.depth().available() == 2);
            assertThat(held.leaseExpired(Instant.now())).isTrue();
            DrainStats other = slow.drainer.drainAll(new DrainOptions(1, 0, Duration.ZERO), ProgressListener.NONE,
                    new StopSignal());
            CommitResult late = slow.drainer.commit(held);

            assertThat(other.totals().written()).isEqualTo(2);
            assertThat(late.written()).isZero();
            assertThat(late.duplicates()).isEqualTo(2);
            assertThat(Db.count(slow.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(2);
            assertThat(slow.source.depth().total()).isZero();
        }
    }
}
