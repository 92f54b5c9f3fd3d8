package dev.drainboard.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.BulkReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The choice between an SQS message move task and receive-and-send, over a fake move API. */
class DeadLetterRedriveTest {

    static final class FakeMoveTasks implements MoveTasks {
        final boolean supported;
        int probes;
        final List<String> started = new ArrayList<>();

        FakeMoveTasks(boolean supported) {
            this.supported = supported;
        }

        @Override
        public void probe(String sourceArn) {
            probes++;
            if (!supported) {
                throw new UnsupportedOperationException("AWS.SimpleQueueService.UnsupportedOperation");
            }
        }

        @Override
        public String start(String sourceArn, String destinationArn) {
            started.add(sourceArn + " -> " + destinationArn);
            return "task-1";
        }
    }

    @Test
    void aRedriveTargetOnAServerWithMoveTasksIsMovedByOneTask() {
        FakeMoveTasks tasks = new FakeMoveTasks(true);
        AtomicInteger fallbacks = new AtomicInteger();
        DeadLetterRedrive r = new DeadLetterRedrive(tasks, "arn:dlq", "arn:q", () -> fallbacks.incrementAndGet());

        BulkReplay out = r.replayAll();

        assertThat(out.method()).isEqualTo(BulkReplay.Method.MOVE_TASK);
        assertThat(out.taskHandle()).isEqualTo("task-1");
        assertThat(tasks.started).containsExactly("arn:dlq -> arn:q");
        assertThat(fallbacks).hasValue(0);
    }

    @Test
    void aServerWithoutMoveTasksFallsBackToReceiveAndSendAndIsAskedOnce() {
        FakeMoveTasks tasks = new FakeMoveTasks(false);
        DeadLetterRedrive r = new DeadLetterRedrive(tasks, "arn:dlq", "arn:q", () -> 3);

        BulkReplay first = r.replayAll();
        BulkReplay second = r.replayAll();

        assertThat(first.method()).isEqualTo(BulkReplay.Method.RECEIVE_AND_SEND);
        assertThat(first.moved()).isEqualTo(3);
        assertThat(second.method()).isEqualTo(BulkReplay.Method.RECEIVE_AND_SEND);
        assertThat(tasks.probes).isEqualTo(1);
        assertThat(tasks.started).isEmpty();
    }

    @Test
    void drainboardsOwnDeadLetterQueueIsNotARedriveSourceSoItIsNeverMovedByATask() {
        FakeMoveTasks tasks = new FakeMoveTasks(true);
        DeadLetterRedrive r = new DeadLetterRedrive(tasks, null, "arn:q", () -> 1);

        assertThat(r.replayAll().method()).isEqualTo(BulkReplay.Method.RECEIVE_AND_SEND);
        assertThat(tasks.probes).isZero();
    }

    @Test
    void aRedrivePolicyNamesTheDeadLetterQueueAndItsLimit() {
        RedrivePolicy p = RedrivePolicy.parse(
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:123456789012:logins-dead.fifo\",\"maxReceiveCount\":5}");
        assertThat(p.targetName()).isEqualTo("logins-dead.fifo");
        assertThat(p.maxReceiveCount()).isEqualTo(5);
        assertThat(RedrivePolicy.parse("{\"deadLetterTargetArn\":\"arn:x:y\",\"maxReceiveCount\":\"3\"}")
                .maxReceiveCount()).isEqualTo(3);
        assertThat(RedrivePolicy.parse(null)).isNull();
        assertThat(RedrivePolicy.parse("")).isNull();
    }

    @Test
    void deduplicationIdsAreDerivedFromTheOriginalIdAndDifferPerSend() {
        String a = SqsQueueSource.dedupId("dead-letter", "m-1", "7");
        assertThat(a).hasSize(64).isEqualTo(SqsQueueSource.dedupId("dead-letter", "m-1", "7"));
        assertThat(SqsQueueSource.dedupId("dead-letter", "m-1", "9")).isNotEqualTo(a);
        assertThat(SqsQueueSource.dedupId("replay", "m-1", "7")).isNotEqualTo(a);
    }
}
