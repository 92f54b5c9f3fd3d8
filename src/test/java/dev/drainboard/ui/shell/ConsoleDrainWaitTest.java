package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.app.Operations;
import dev.drainboard.app.Reveals;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.source.QueueSource;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The console's drain long-polls for {@code --wait-seconds}, as the CLI's drain does. */
class ConsoleDrainWaitTest {

    /** The fake queue, recording the wait of every receive. */
    private static final class Recording implements QueueSource {
        final FakeQueue q = new FakeQueue();
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public List<QueueMessage> receive(int max, Duration wait) {
            waits.add(wait);
            return q.receive(max, wait);
        }

        @Override
        public DeleteOutcome delete(List<QueueMessage> messages) {
            return q.delete(messages);
        }

        @Override
        public void release(List<QueueMessage> messages) {
            q.release(messages);
        }

        @Override
        public void extendLease(List<QueueMessage> messages, Duration timeout) {
            q.extendLease(messages, timeout);
        }

        @Override
        public void sendToDeadLetter(List<DeadLetter> letters) {
            q.sendToDeadLetter(letters);
        }

        @Override
        public void send(List<String> bodies) {
            q.send(bodies);
        }

        @Override
        public boolean replay(String originalMessageId, int scan) {
            return q.replay(originalMessageId, scan);
        }

        @Override
        public QueueDepth depth() {
            return q.depth();
        }

        @Override
        public dev.drainboard.model.QueueSetup setup() {
            return q.setup();
        }

        @Override
        public QueueDepth deadLetterDepth() {
            return q.deadLetterDepth();
        }

        @Override
        public Duration visibilityTimeout() {
            return q.visibilityTimeout();
        }

        @Override
        public String describe() {
            return q.describe();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theConsolesDrainUsesTheConfiguredWaitSeconds() {
        Recording queue = new Recording();
        FakeStore store = new FakeStore();
        MutableClock clock = new MutableClock();
        DirectTasks tasks = new DirectTasks();
        ConsoleModel model = new ConsoleModel(tasks, clock);
        Drainer drainer = new Drainer(queue, new LoginParser(), new HmacMasker(new byte[32]), store, clock);
        Duration configured = Duration.ofSeconds(7);
        model.start(status -> new Operations(drainer, queue, store, Reveals.unavailable("none"),
                new Operations.About("External", "1a2b3c4d", queue.describe(), store.describe(), 1, configured),
                () -> { }));
        tasks.tick();
        queue.send(DemoMessages.generate(25, 0, 0, 1));

        model.drain().drainAll();
        tasks.tick();

        assertThat(store.counts().rows()).isEqualTo(25);
        assertThat(queue.waits).isNotEmpty().containsOnly(configured);
    }
}
