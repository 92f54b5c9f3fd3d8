package dev.drainboard.fifo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drainboard.config.ConfigKey;
import dev.drainboard.model.DrainStats;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.source.DrainQueue;
import dev.drainboard.source.SqsClients;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * FIFO queues on real ElasticMQ and PostgreSQL: exact counts, each group committed in sequence
 * order (checked in SQL on the ledger's sequence numbers), a malformed message dead-lettered in its
 * own group without reordering it, and a replay that keeps its group and is sent once.
 */
class FifoDrainTest {
    static final int GROUPS = 8;
    static final int PER_GROUP = 25;

    static final String OUT_OF_ORDER = FifoOrder.OUT_OF_ORDER;
    static final String PAIRS = FifoOrder.PAIRS;

    static Pipeline fifoPipeline(int workers) {
        return new Pipeline(TestServers.config(Map.of(ConfigKey.QUEUE, TestServers.freshQueue() + ".fifo",
                ConfigKey.WORKERS, Integer.toString(workers))));
    }

    /** Sends {@code perGroup} logins to each of {@code groups} groups, interleaved; user_id = group. */
    static void sendGroups(SqsClient sqs, String url, int groups, int perGroup) {
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < perGroup; i++) {
            for (int g = 0; g < groups; g++) {
                String user = "user-" + g;
                batch.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(batch.size()))
                        .messageBody(Messages.login(user, "10.9." + g + "." + i, "dev-" + g + "-" + i))
                        .messageGroupId(user).messageDeduplicationId(user + "-" + i).build());
                if (batch.size() == 10) {
                    List<SendMessageBatchRequestEntry> b = batch;
                    assertThat(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(b)).failed()).isEmpty();
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            List<SendMessageBatchRequestEntry> b = batch;
            assertThat(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(b)).failed()).isEmpty();
        }
    }

    static SqsClient sqs(Pipeline p) {
        return SqsClients.client(p.config, p.config.sqsEndpoint().orElseThrow(), 4);
    }

    static DrainStats drain(Pipeline p, int workers) {
        return p.drainer.drainAll(new DrainOptions(workers, 0, Duration.ZERO), ProgressListener.NONE, new StopSignal());
    }

    @Test
    void aFifoQueueWithSeveralGroupsDrainsToExactCountsWithEachGroupCommittedInSequenceOrder() {
        try (Pipeline p = fifoPipeline(4); SqsClient sqs = sqs(p)) {
            assertThat(p.source.setup().fifo()).isTrue();
            assertThat(p.source.setup().deadLetterQueue()).endsWith("-dlq.fifo");
            sendGroups(sqs, p.source.queueUrl(), GROUPS, PER_GROUP);

            DrainStats s = drain(p, 4);

            int total = GROUPS * PER_GROUP;
            long outOfOrder = Db.count(p.jdbc(), OUT_OF_ORDER);
            long pairs = Db.count(p.jdbc(), PAIRS);
            long transactions = Db.count(p.jdbc(), "SELECT count(DISTINCT committed_at) FROM drainboard_ledger");
            System.out.printf("FIFO drain: %d received, %d rows, %d rejected, %d duplicates, %d deleted; %d groups, "
                            + "%d consecutive pairs checked, %d out of order, %d commits%n", s.received(),
                    s.totals().written(), s.totals().rejected(), s.totals().duplicates(), s.totals().deleted(), GROUPS,
                    pairs, outOfOrder, transactions);
            assertThat(s.received()).isEqualTo(total);
            assertThat(s.totals().written()).isEqualTo(total);
            assertThat(s.totals().deleted()).isEqualTo(total);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(total);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_ledger WHERE sequence_number IS NOT NULL"))
                    .isEqualTo(total);
            assertThat(Db.count(p.jdbc(), "SELECT count(DISTINCT message_group_id) FROM drainboard_ledger"))
                    .isEqualTo(GROUPS);
            assertThat(pairs).isEqualTo(total - GROUPS);
            assertThat(outOfOrder).isZero();
            assertThat(transactions).as("several commits, so the order check compares something").isGreaterThan(GROUPS);
            assertThat(p.source.depth().total()).isZero();
        }
    }

    @Test
    void aMalformedMessageLandsInTheFifoDeadLetterQueueInItsGroupAndDoesNotReorderIt() {
        try (Pipeline p = fifoPipeline(2); SqsClient sqs = sqs(p)) {
            String url = p.source.queueUrl();
            for (int i = 0; i < 6; i++) {
                int k = i;
                String body = k == 2 ? "{not json" : Messages.login("anna", "10.1.1." + k, "d-" + k);
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId("anna")
                        .messageDeduplicationId("anna-" + k));
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(Messages.login("bob", "10.2.2." + k, "e-" + k))
                        .messageGroupId("bob").messageDeduplicationId("bob-" + k));
            }

            DrainStats s = drain(p, 2);

            assertThat(s.totals().written()).isEqualTo(11);
            assertThat(s.totals().rejected()).isEqualTo(1);
            assertThat(Db.count(p.jdbc(), OUT_OF_ORDER)).isZero();
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_ledger WHERE message_group_id = 'anna' "
                    + "AND outcome = 'rejected'")).isEqualTo(1);
            String dlq = sqs.getQueueUrl(b -> b.queueName(p.source.setup().deadLetterQueue())).queueUrl();
            List<Message> letters = sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10)
                    .visibilityTimeout(0).messageAttributeNames("All")
                    .messageSystemAttributeNamesWithStrings("All")).messages();
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("anna");
            assertThat(letters.get(0).body()).isEqualTo("{not json");
        }
    }

    @Test
    void aDeadLetterSentTwiceForOneReceiveIsStoredOnce() {
        try (Pipeline p = fifoPipeline(1); SqsClient sqs = sqs(p)) {
            String url = p.source.queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("{broken").messageGroupId("g").messageDeduplicationId("x"));
            QueueMessage m = p.source.receive(1, Duration.ZERO).get(0);

            // a crash between the dead-letter send and the commit: the redelivery sends it again
            p.source.sendToDeadLetter(List.of(new DrainQueue.DeadLetter(m, "not JSON")));
            p.source.sendToDeadLetter(List.of(new DrainQueue.DeadLetter(m, "not JSON")));

            assertThat(p.source.deadLetterDepth().total()).isEqualTo(1);
        }
    }

    @Test
    void aReplayIntoAFifoQueueKeepsItsGroupAndASecondSendOfItIsDeduplicated() {
        try (Pipeline p = fifoPipeline(1); SqsClient sqs = sqs(p)) {
            String url = p.source.queueUrl();
            Db.execute(p.jdbc(), "ALTER TABLE user_logins ADD CONSTRAINT not_yet CHECK (user_id <> 'carl')");
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(Messages.login("carl", "10.5.5.5", "c-1"))
                    .messageGroupId("carl").messageDeduplicationId("carl-1"));
            assertThat(drain(p, 1).totals().rejected()).isEqualTo(1);
            Db.execute(p.jdbc(), "ALTER TABLE user_logins DROP CONSTRAINT not_yet");
            String id = Db.string(p.jdbc(), "SELECT message_id FROM drainboard_rejections");

            // the first replay's delete of its dead letter is lost (a crash): the letter comes back
            // and the second replay sends the same letter again
            try (FlakyDeletes flaky = FlakyDeletes.around(sqs(p))) {
                Pipeline again = p.withClient(flaky.client());
                assertThatThrownBy(() -> again.drainer.replay(id, 10)).hasMessageContaining("delete");
            }
            assertThat(p.drainer.replay(id, 10)).isTrue();

            List<Message> back = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0)
                    .messageSystemAttributeNamesWithStrings("All")).messages();
            assertThat(back).as("the two sends of one replay are one message").hasSize(1);
            assertThat(back.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("carl");
            assertThat(p.source.deadLetterDepth().total()).isZero();

            DrainStats s = drain(p, 1);
            assertThat(s.totals().written()).isEqualTo(1);
            assertThat(Db.string(p.jdbc(), "SELECT replay_outcome FROM drainboard_rejections")).isEqualTo("row");
        }
    }

    @Test
    void aFifoQueuesOwnDeadLetterQueueIsAFifoQueueNamedBaseDlqFifo() {
        // the name rule: a FIFO name is accepted (the queue is created as FIFO), its DLQ ends in -dlq.fifo
        try (Pipeline p = fifoPipeline(1); SqsClient sqs = sqs(p)) {
            String dlq = p.source.setup().deadLetterQueue();
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(sqs.getQueueUrl(q -> q.queueName(dlq)).queueUrl())
                    .attributeNamesWithStrings("FifoQueue")).attributesAsStrings()).containsEntry("FifoQueue", "true");
            String wrong = p.config.queue().replace(".fifo", "") + "-dlq";
            assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName(wrong))).isInstanceOf(QueueDoesNotExistException.class);
        }
    }
}
