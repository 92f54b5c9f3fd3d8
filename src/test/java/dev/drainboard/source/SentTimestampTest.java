package dev.drainboard.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.sink.LoginSink;
import dev.drainboard.source.SqsStub.Reply;
import dev.drainboard.support.Messages;
import dev.drainboard.support.TestKeys;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server that omits {@code SentTimestamp} (a stub: ElasticMQ always sends it): Drainboard asks for
 * it on every receive, says once per drain that it is missing, uses the day of the receive as
 * {@code create_date}, and counts such messages in the summary.
 */
class SentTimestampTest {

    /** Two receives of 3 and 2 messages, neither with SentTimestamp, then nothing. */
    private static Reply receive(AtomicInteger receives) {
        int n = receives.incrementAndGet();
        if (n > 2) {
            return Reply.json("{\"Messages\":[]}");
        }
        StringBuilder b = new StringBuilder("{\"Messages\":[");
        int count = n == 1 ? 3 : 2;
        for (int i = 0; i < count; i++) {
            String id = "m" + n + "-" + i;
            String body = Messages.login("u" + id, "10.9.0." + i, "900-00-" + i).replace("\"", "\\\"");
            b.append(i == 0 ? "" : ",").append("{\"MessageId\":\"").append(id).append("\",\"ReceiptHandle\":\"r-")
                    .append(id).append("\",\"Body\":\"").append(body).append("\",\"MD5OfBody\":\"0\",")
                    .append("\"Attributes\":{\"ApproximateReceiveCount\":\"1\"}}");
        }
        return Reply.json(b.append("]}").toString());
    }

    @Test
    void aMissingSentTimestampIsSaidOnceFallsBackToTheDayOfTheReceiveAndIsCounted() throws Exception {
        AtomicInteger receives = new AtomicInteger();
        SqsStub[] holder = new SqsStub[1];
        try (SqsStub stub = SqsStub.routing((op, req) -> switch (op) {
            case "GetQueueUrl" -> StubSqs.queueUrl(new SqsStub.Call(op, req), holder[0]);
            case "ReceiveMessage" -> receive(receives);
            case "DeleteMessageBatch" -> StubSqs.batch(req, e -> false, false);
            case "GetQueueAttributes" -> StubSqs.depth();
            default -> Reply.error(400, "InvalidAction", op);
        })) {
            holder[0] = stub;
            List<MaskedLogin> written = new CopyOnWriteArrayList<>();
            List<String> statuses = new CopyOnWriteArrayList<>();
            LocalDate before = LocalDate.now(ZoneOffset.UTC);
            try (SqsQueueSource source = StubSqs.source(stub)) {
                Drainer drainer = new Drainer(source, new LoginParser(), new HmacMasker(TestKeys.BYTES),
                        new ListSink(written), Clock.systemUTC());
                DrainStats s = drainer.drainAll(new DrainOptions(1, 0, Duration.ZERO), new ProgressListener() {
                    @Override
                    public void onStatus(String message) {
                        statuses.add(message);
                    }
                }, new StopSignal());
                LocalDate after = LocalDate.now(ZoneOffset.UTC);

                assertThat(s.sentTimestampMissing()).isEqualTo(5);
                assertThat(written).hasSize(5).allSatisfy(r -> assertThat(r.createDate()).isBetween(before, after));
                assertThat(statuses).filteredOn(m -> m.contains("SentTimestamp")).hasSize(1);
                assertThat(stub.calls("ReceiveMessage")).isNotEmpty().allSatisfy(c ->
                        assertThat(c.request().path("MessageSystemAttributeNames").toString())
                                .contains("SentTimestamp"));
            }
        }
    }

    /** Keeps written rows in memory. */
    private record ListSink(List<MaskedLogin> rows) implements LoginSink {
        @Override
        public CommitResult write(Batch batch) {
            rows.addAll(batch.rows());
            return new CommitResult(batch.rows().size(), batch.rejections().size(), 0, 0, 0);
        }

        @Override
        public String describe() {
            return "memory";
        }

        @Override
        public void close() {
        }
    }
}
