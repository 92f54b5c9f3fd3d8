package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.DrainStats;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.source.SqsClients;
import dev.drainboard.source.SqsQueueSource;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Replay from the dead-letter queue on real ElasticMQ and PostgreSQL, when the DLQ holds the same
 * rejected message twice (a crash between the dead-letter send and the commit): one row, every copy
 * gone, the rejection record saying when it was replayed and what became of it.
 */
class ReplayTest {

    private static DrainStats drain(Pipeline p) {
        return p.drainer.drainAll(new DrainOptions(1, 0, Duration.ZERO), ProgressListener.NONE, new StopSignal());
    }

    /** Drains one valid login that a CHECK constraint refuses, then drops the constraint; returns its id. */
    private static String rejectOneValidLogin(Pipeline p, String userId) {
        Db.execute(p.jdbc(), "ALTER TABLE user_logins ADD CONSTRAINT not_yet CHECK (user_id <> '" + userId + "')");
        p.source.send(List.of(Messages.login(userId, "10.3.0.1", "300-00-01")));
        assertThat(drain(p).totals().rejected()).isEqualTo(1);
        Db.execute(p.jdbc(), "ALTER TABLE user_logins DROP CONSTRAINT not_yet");
        return Db.string(p.jdbc(), "SELECT message_id FROM drainboard_rejections");
    }

    /** Adds a second copy of the dead letter, as a crash between the DLQ send and the commit leaves. */
    private static void duplicateTheDeadLetter(Pipeline p, SqsClient sqs) {
        String dlq = p.source.queueUrl() + "-dlq";
        Message m = sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(1).visibilityTimeout(0)
                .messageAttributeNames("All")).messages().get(0);
        sqs.sendMessage(b -> b.queueUrl(dlq).messageBody(m.body()).messageAttributes(m.messageAttributes()));
        assertThat(p.source.deadLetterDepth().total()).isEqualTo(2);
    }

    @Test
    void replayingAMessageTheDeadLetterQueueHoldsTwiceWritesOneRowAndMarksTheRecord() {
        try (Pipeline p = new Pipeline(TestServers.config());
             SqsClient sqs = SqsClients.client(p.config, p.config.sqsEndpoint().orElseThrow(), 2)) {
            String id = rejectOneValidLogin(p, "blocked-then-fixed");
            duplicateTheDeadLetter(p, sqs);

            boolean replayed = p.drainer.replay(id, 100);
            // a second replay before the drain finds no copy and leaves the pending mark alone
            boolean again = p.drainer.replay(id, 100);

            assertThat(replayed).isTrue();
            assertThat(again).isFalse();
            assertThat(p.source.deadLetterDepth().total()).as("every DLQ copy deleted").isZero();
            assertThat(p.source.depth().total()).as("sent back once").isEqualTo(1);
            assertThat(Db.string(p.jdbc(), "SELECT replay_outcome FROM drainboard_rejections")).isEqualTo("pending");
            // and a stray second copy of the replay in the queue (a crash between send and delete)
            sqs.sendMessage(b -> b.queueUrl(p.source.queueUrl())
                    .messageBody(Messages.login("blocked-then-fixed", "10.3.0.1", "300-00-01"))
                    .messageAttributes(Map.of(SqsQueueSource.ATTR_ORIGINAL_ID,
                            MessageAttributeValue.builder().dataType("String").stringValue(id).build())));

            DrainStats s = drain(p);

            assertThat(s.totals().written()).isEqualTo(1);
            assertThat(s.totals().duplicates()).isEqualTo(1);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins WHERE user_id = 'blocked-then-fixed'"))
                    .isEqualTo(1);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections WHERE message_id = '" + id
                    + "' AND replay_outcome = 'row' AND replayed_at IS NOT NULL")).isEqualTo(1);
            assertThat(Db.string(p.jdbc(), "SELECT outcome FROM drainboard_ledger WHERE message_id = '" + id + "'"))
                    .isEqualTo("row");
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_ledger")).isEqualTo(1);
            assertThat(p.source.depth().total()).isZero();
            // a copy left in the DLQ by a crash between a replay's send and its deletes
            p.source.sendToDeadLetter(List.of(new dev.drainboard.source.QueueSource.DeadLetter(
                    new dev.drainboard.model.QueueMessage(id, "none", "{}", java.time.Instant.EPOCH, 1), "left over")));
            assertThat(p.drainer.replay(id, 100)).as("a message that became a row is not replayed").isFalse();
            assertThat(p.source.deadLetterDepth().total()).as("the leftover copy is deleted").isZero();
            assertThat(p.source.depth().total()).isZero();
        }
    }

    @Test
    void aReplayThatIsRejectedAgainKeepsOneRecordAndGoesBackToTheDeadLetterQueue() {
        try (Pipeline p = new Pipeline(TestServers.config())) {
            p.source.send(List.of("{\"user_id\": \"still-broken\""));
            assertThat(drain(p).totals().rejected()).isEqualTo(1);
            String id = Db.string(p.jdbc(), "SELECT message_id FROM drainboard_rejections");

            assertThat(p.drainer.replay(id, 100)).isTrue();
            DrainStats s = drain(p);

            assertThat(s.totals().rejected()).isEqualTo(1);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections")).isEqualTo(1);
            assertThat(Db.string(p.jdbc(), "SELECT replay_outcome FROM drainboard_rejections"))
                    .startsWith("rejected again: ");
            assertThat(p.source.deadLetterDepth().total()).isEqualTo(1);
            assertThat(p.drainer.replay(id, 100)).as("it may be replayed again").isTrue();
        }
    }
}
