package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.fifo.FifoOrder;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.source.SqsClients;
import dev.drainboard.support.ChildDrain;
import dev.drainboard.support.Db;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@link CrashTest}'s harness on a FIFO queue, kept short: a draining JVM is killed with SIGKILL a
 * few times, then the drain is finished. Every message ends as exactly one row or one rejection, and
 * within each message group nothing was committed before a message that came earlier in the group.
 */
class FifoCrashTest {
    private static final int N = 1_200;
    private static final int GROUPS = 12;
    private static final int KILLS = 5;

    @Test
    void killingTheDrainerOfAFifoQueueLosesDoublesAndReordersNothing(@TempDir Path dir) throws Exception {
        AppConfig c = TestServers.config(Map.of(ConfigKey.VISIBILITY_TIMEOUT, "2",
                ConfigKey.QUEUE, TestServers.freshQueue() + ".fifo"));
        Random rnd = new Random(20261201);
        try (Pipeline p = new Pipeline(c); SqsClient sqs = SqsClients.client(c, c.sqsEndpoint().orElseThrow(), 2)) {
            sendInGroups(sqs, p.source.queueUrl(), DemoMessages.generate(N, 0.2, 0.02, 99));
            long malformed = OutageTest.expectedMalformed(N, 99);
            int kills = ChildDrain.killRepeatedly(c, p.jdbc(), dir, KILLS, rnd, "--workers=3");
            assertThat(kills).as("drains killed while running").isEqualTo(KILLS);
            long committedBeforeFinish = Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_ledger");
            assertThat(committedBeforeFinish).as("the kills left work to finish").isLessThan(N);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                p.drainer.drainAll(new DrainOptions(3, 0, Duration.ZERO), ProgressListener.NONE, new StopSignal());
                return p.source.depth().total() == 0;
            });

            long outOfOrder = Db.count(p.jdbc(), FifoOrder.OUT_OF_ORDER);
            long pairs = Db.count(p.jdbc(), FifoOrder.PAIRS);
            System.out.printf("FIFO crash drain: %d kills, %d of %d committed before the finish; ledger %d, rows %d, "
                            + "rejections %d; %d pairs checked, %d out of order%n", kills, committedBeforeFinish, N,
                    Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_ledger"),
                    Db.count(p.jdbc(), "SELECT count(*) FROM user_logins"),
                    Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections"), pairs, outOfOrder);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_ledger")).isEqualTo(N);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(N - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections")).isEqualTo(malformed);
            assertThat(pairs).isEqualTo(N - GROUPS);
            assertThat(outOfOrder).isZero();
            assertThat(p.source.depth().total()).isZero();
            assertThat(p.source.deadLetterDepth().total()).as("one dead letter per malformed message")
                    .isEqualTo(malformed);
        }
    }

    /** Sends the bodies round-robin into {@value #GROUPS} groups, each body its own deduplication id. */
    private static void sendInGroups(SqsClient sqs, String url, List<String> bodies) {
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            batch.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(batch.size())).messageBody(bodies.get(i))
                    .messageGroupId("g" + (i % GROUPS)).messageDeduplicationId("m-" + i).build());
            if (batch.size() == 10 || i == bodies.size() - 1) {
                List<SendMessageBatchRequestEntry> b = batch;
                assertThat(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(b)).failed()).isEmpty();
                batch = new ArrayList<>();
            }
        }
    }
}
