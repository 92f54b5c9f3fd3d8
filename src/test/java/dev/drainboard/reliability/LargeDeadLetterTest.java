package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.DrainStats;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.source.SqsQueueSource;
import dev.drainboard.support.Db;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Large malformed messages on real ElasticMQ: the dead-letter sends are split by size (bodies plus
 * attributes), so they never exceed SQS's 256 KiB per batch and never block the queue.
 */
class LargeDeadLetterTest {
    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    private static String invalid(int chars, char fill) {
        return "not json: " + String.valueOf(fill).repeat(chars - 10);
    }

    @Test
    void eightMalformedBodiesOf250000CharactersAllReachTheDeadLetterQueueInOneDrain() {
        try (Pipeline p = new Pipeline(TestServers.config())) {
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                bodies.add(invalid(250_000, (char) ('a' + i)));
            }
            // two "seed --file" runs of four lines each
            p.source.send(bodies.subList(0, 4));
            p.source.send(bodies.subList(4, 8));

            DrainStats s = p.drainer.drainAll(new DrainOptions(1, 0, Duration.ZERO).withGiveUpAfter(GIVE_UP),
                    ProgressListener.NONE, new StopSignal());

            assertThat(s.totals().rejected()).isEqualTo(8);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections")).isEqualTo(8);
            assertThat(p.source.depth().total()).isZero();
            List<Message> letters = deadLetters(p);
            assertThat(letters).hasSize(8);
            assertThat(letters).extracting(Message::body).containsExactlyInAnyOrderElementsOf(bodies);
            assertThat(letters).allSatisfy(m -> assertThat(m.messageAttributes())
                    .containsKeys(SqsQueueSource.ATTR_REASON, SqsQueueSource.ATTR_ORIGINAL_ID));
        }
    }

    @Test
    void aMalformedBodyAtTheSqsMaximumGoesToTheDeadLetterQueueAloneWithoutItsReason() {
        try (Pipeline p = new Pipeline(TestServers.config())) {
            String atMax = invalid(262_144, 'z');
            String small = "{not json";
            p.source.send(List.of(atMax));
            p.source.send(List.of(small));

            DrainStats s = p.drainer.drainAll(new DrainOptions(1, 0, Duration.ZERO).withGiveUpAfter(GIVE_UP),
                    ProgressListener.NONE, new StopSignal());

            assertThat(s.totals().rejected()).isEqualTo(2);
            assertThat(p.source.depth().total()).isZero();
            List<Message> letters = deadLetters(p);
            assertThat(letters).extracting(Message::body).containsExactlyInAnyOrder(atMax, small);
            Message big = letters.stream().filter(m -> m.body().equals(atMax)).findFirst().orElseThrow();
            assertThat(big.messageAttributes()).doesNotContainKey(SqsQueueSource.ATTR_REASON);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections WHERE reason <> ''"))
                    .isEqualTo(2);
        }
    }

    private static List<Message> deadLetters(Pipeline p) {
        String dlq = p.source.queueUrl() + "-dlq";
        List<Message> out = new ArrayList<>();
        try (SqsClient sqs = dev.drainboard.source.SqsClients.client(p.config, p.config.sqsEndpoint().orElseThrow(),
                2)) {
            while (true) {
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10)
                        .waitTimeSeconds(0).visibilityTimeout(60).messageAttributeNames("All")).messages();
                if (got.isEmpty()) {
                    return out;
                }
                out.addAll(got);
            }
        }
    }
}
