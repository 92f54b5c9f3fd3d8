package dev.drainboard.fifo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drainboard.config.ConfigKey;
import dev.drainboard.model.BulkReplay;
import dev.drainboard.model.DrainStats;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.source.SqsClients;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A standard queue that has its own RedrivePolicy, on real ElasticMQ: rejections go to the team's
 * dead-letter queue, no {@code <name>-dlq} is created, and sending the dead letters back uses a
 * message move task (ElasticMQ 1.7.1 runs them).
 */
class RedrivePolicyDrainTest {

    /** Creates {@code <name>} with a redrive policy to {@code <name>-team-dead} after {@code max} receives. */
    static String queueWithRedrive(SqsClient sqs, String name, int max) {
        String dlq = sqs.createQueue(b -> b.queueName(name + "-team-dead")).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"" + max + "\"}")));
        return name + "-team-dead";
    }

    static SqsClient client() {
        return SqsClients.client(TestServers.config(), TestServers.sqs().endpoint(), 2);
    }

    @Test
    void rejectionsGoToTheQueuesOwnDeadLetterQueueAndNoOtherIsCreated() {
        String name = TestServers.freshQueue();
        try (SqsClient sqs = client()) {
            String teamDlq = queueWithRedrive(sqs, name, 5);
            try (Pipeline p = new Pipeline(TestServers.config(Map.of(ConfigKey.QUEUE, name)))) {
                assertThat(p.source.setup().redrivePolicy()).isTrue();
                assertThat(p.source.setup().deadLetterQueue()).isEqualTo(teamDlq);
                assertThat(p.source.setup().maxReceiveCount()).isEqualTo(5);
                p.source.send(List.of(Messages.login("u1", "10.0.0.1", "d1"), "{not json"));

                DrainStats s = p.drainer.drainAll(new DrainOptions(1, 0, Duration.ZERO), ProgressListener.NONE,
                        new StopSignal());

                assertThat(s.totals().written()).isEqualTo(1);
                assertThat(s.totals().rejected()).isEqualTo(1);
                String url = sqs.getQueueUrl(b -> b.queueName(teamDlq)).queueUrl();
                assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes())
                        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "1");
                assertThat(p.source.deadLetterDepth().total()).isEqualTo(1);
            }
            assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName(name + "-dlq")))
                    .isInstanceOf(QueueDoesNotExistException.class);
        }
    }

    @Test
    void replayingTheWholeDeadLetterQueueUsesAMoveTaskAndTheRejectedLoginBecomesARow() {
        String name = TestServers.freshQueue();
        try (SqsClient sqs = client()) {
            queueWithRedrive(sqs, name, 5);
            try (Pipeline p = new Pipeline(TestServers.config(Map.of(ConfigKey.QUEUE, name)))) {
                Db.execute(p.jdbc(), "ALTER TABLE user_logins ADD CONSTRAINT not_yet CHECK (user_id <> 'dora')");
                p.source.send(List.of(Messages.login("dora", "10.7.7.7", "d-7")));
                DrainOptions once = new DrainOptions(1, 0, Duration.ZERO);
                assertThat(p.drainer.drainAll(once, ProgressListener.NONE, new StopSignal()).totals().rejected())
                        .isEqualTo(1);
                Db.execute(p.jdbc(), "ALTER TABLE user_logins DROP CONSTRAINT not_yet");
                String id = Db.string(p.jdbc(), "SELECT message_id FROM drainboard_rejections");

                BulkReplay r = p.drainer.replayAll(List.of(id));

                assertThat(r.method()).isEqualTo(BulkReplay.Method.MOVE_TASK);
                await().atMost(Duration.ofSeconds(20)).until(() -> p.source.depth().available() == 1);
                DrainStats s = p.drainer.drainAll(once, ProgressListener.NONE, new StopSignal());
                assertThat(s.totals().written()).isEqualTo(1);
                assertThat(Db.string(p.jdbc(), "SELECT replay_outcome FROM drainboard_rejections")).isEqualTo("row");
                assertThat(p.source.deadLetterDepth().total()).isZero();
            }
        }
    }

    @Test
    void withoutARedrivePolicyTheWholeDeadLetterQueueIsSentBackByReceiveAndSend() {
        try (Pipeline p = new Pipeline(TestServers.config())) {
            p.source.send(List.of("{not json", "{nor this"));
            p.drainer.drainAll(new DrainOptions(1, 0, Duration.ZERO), ProgressListener.NONE, new StopSignal());
            assertThat(p.source.setup().redrivePolicy()).isFalse();

            BulkReplay r = p.drainer.replayAll(List.of());

            assertThat(r.method()).isEqualTo(BulkReplay.Method.RECEIVE_AND_SEND);
            assertThat(r.moved()).isEqualTo(2);
            assertThat(p.source.depth().available()).isEqualTo(2);
            assertThat(p.source.deadLetterDepth().total()).isZero();
        }
    }
}
