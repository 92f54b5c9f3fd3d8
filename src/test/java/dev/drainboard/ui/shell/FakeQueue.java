package dev.drainboard.ui.shell;

import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.model.QueueSetup;
import dev.drainboard.source.QueueSource;
import dev.drainboard.source.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory queue with a dead-letter queue; {@link #down} makes every call fail like an outage. */
final class FakeQueue implements QueueSource {
    private final Deque<QueueMessage> available = new ArrayDeque<>();
    private final Map<String, QueueMessage> inFlight = new LinkedHashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    volatile boolean down;
    volatile QueueSetup setup = QueueSetup.standard("fake-queue");
    volatile int leaseExtensions;

    @Override
    public synchronized List<QueueMessage> receive(int max, Duration wait) {
        check();
        List<QueueMessage> out = new ArrayList<>();
        while (out.size() < max && !available.isEmpty()) {
            QueueMessage m = available.poll();
            QueueMessage got = new QueueMessage(m.messageId(), "r-" + ids.incrementAndGet(), m.body(), m.sentAt(),
                    m.receiveCount() + 1);
            inFlight.put(got.receiptHandle(), got);
            out.add(got);
        }
        return out;
    }

    @Override
    public synchronized DeleteOutcome delete(List<QueueMessage> messages) {
        check();
        messages.forEach(m -> inFlight.remove(m.receiptHandle()));
        return new DeleteOutcome(messages.size(), List.of());
    }

    @Override
    public synchronized void release(List<QueueMessage> messages) {
        check();
        for (QueueMessage m : messages) {
            if (inFlight.remove(m.receiptHandle()) != null) {
                available.addFirst(m);
            }
        }
    }

    @Override
    public synchronized void extendLease(List<QueueMessage> messages, Duration timeout) {
        check();
        leaseExtensions++;
    }

    /** Lets every lease run out, as SQS does after the visibility timeout: messages in flight are visible again. */
    synchronized void expireLeases() {
        inFlight.values().forEach(available::addLast);
        inFlight.clear();
    }

    @Override
    public synchronized void sendToDeadLetter(List<DeadLetter> letters) {
        check();
        deadLetters.addAll(letters);
    }

    @Override
    public synchronized void send(List<String> bodies) {
        check();
        for (String b : bodies) {
            available.add(new QueueMessage("m-" + ids.incrementAndGet(), "none", b, Instant.EPOCH, 0));
        }
    }

    @Override
    public synchronized boolean replay(String originalMessageId, int scan) {
        check();
        for (DeadLetter d : deadLetters) {
            if (d.message().messageId().equals(originalMessageId)) {
                deadLetters.remove(d);
                send(List.of(d.message().body()));
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized QueueDepth depth() {
        check();
        return new QueueDepth(available.size(), inFlight.size(), 0);
    }

    @Override
    public QueueSetup setup() {
        return setup;
    }

    @Override
    public synchronized QueueDepth deadLetterDepth() {
        check();
        return new QueueDepth(deadLetters.size(), 0, 0);
    }

    @Override
    public Duration visibilityTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public String describe() {
        return "memory://login-queue";
    }

    @Override
    public void close() {
    }

    private void check() {
        if (down) {
            throw new SourceException("nothing answers at memory://login-queue (connection refused). Start the SQS "
                    + "server, or check DRAINBOARD_SQS_ENDPOINT.");
        }
    }
}
