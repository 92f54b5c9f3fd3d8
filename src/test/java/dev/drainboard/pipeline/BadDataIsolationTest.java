package dev.drainboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.sink.LoginSink;
import dev.drainboard.sink.SinkException;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestKeys;
import dev.drainboard.support.TestServers;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Drainer is the one place bad data is isolated, and its retries never go back through a group. */
class BadDataIsolationTest {

    /**
     * A sink that refuses every grouped write, as {@code GroupCommitSink} does for every batch of a
     * group the database refused, and writes alone into the real PostgreSQL.
     */
    private static final class RefusedGroups implements LoginSink {
        private final LoginSink database;
        final AtomicInteger grouped = new AtomicInteger();
        final AtomicInteger alone = new AtomicInteger();

        RefusedGroups(LoginSink database) {
            this.database = database;
        }

        @Override
        public CommitResult write(Batch batch) {
            grouped.incrementAndGet();
            throw new SinkException("The database refused the data of a group this batch was in", false, true, null);
        }

        @Override
        public CommitResult writeAlone(Batch batch) {
            alone.incrementAndGet();
            return database.write(batch);
        }

        @Override
        public String describe() {
            return database.describe();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aRefusedGroupIsWrittenAgainBatchByBatchAndThenMessageByMessageStraightToTheDatabase() {
        try (Pipeline p = new Pipeline(TestServers.config())) {
            Db.execute(p.jdbc(), "ALTER TABLE user_logins ADD CONSTRAINT no_poison CHECK (user_id <> 'poison')");
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                bodies.add(Messages.login(i == 17 ? "poison" : "u" + i, "10.2.2." + i, "200-00-00" + i));
            }
            p.source.send(bodies);
            RefusedGroups sink = new RefusedGroups(p.sink);
            Drainer drainer = new Drainer(p.source, new LoginParser(), new HmacMasker(TestKeys.BYTES), sink,
                    Clock.systemUTC());

            int batches = 0;
            CommitResult total = CommitResult.NONE;
            int poisonBatchSize = 0;
            for (Batch b = drainer.fetchBatch(10, Duration.ZERO); !b.isEmpty(); b = drainer.fetchBatch(10,
                    Duration.ZERO)) {
                batches++;
                if (b.rows().stream().anyMatch(r -> r.userId().equals("poison"))) {
                    poisonBatchSize = b.size();
                }
                total = total.plus(drainer.commit(b));
            }

            assertThat(total.written()).isEqualTo(29);
            assertThat(total.rejected()).isEqualTo(1);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(29);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections WHERE reason = "
                    + "'PostgreSQL refused the row: SQLSTATE 23514'")).isEqualTo(1);
            assertThat(p.source.depth().total()).isZero();
            assertThat(p.source.deadLetterDepth().available()).isEqualTo(1);
            assertThat(sink.grouped.get()).as("each batch is offered to the group once, retries never are")
                    .isEqualTo(batches);
            // each batch alone once; the poison batch's messages one by one, the refused row once more as a rejection
            assertThat(sink.alone.get()).isEqualTo(batches + poisonBatchSize + 1);
        }
    }
}
