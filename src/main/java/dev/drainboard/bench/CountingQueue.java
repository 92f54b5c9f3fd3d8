package dev.drainboard.bench;

import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.source.DrainQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link DrainQueue} that counts the calls made to the queue by type, so the bench can say how
 * many requests per message the ceiling loop and the drain each make (one call here is one SQS
 * request, except that a dead-letter send of more than 10 letters or 256 KB is split into several).
 * Thread-safe.
 */
final class CountingQueue implements DrainQueue {
    private final DrainQueue delegate;
    private final LongAdder receives = new LongAdder();
    private final LongAdder emptyReceives = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder deadLetterSends = new LongAdder();
    private final LongAdder other = new LongAdder();

    CountingQueue(DrainQueue delegate) {
        this.delegate = delegate;
    }

    /** Calls per message since the last {@link #reset}, for {@code messages} messages. */
    BenchResult.ApiCalls perMessage(long messages) {
        double n = Math.max(1, messages);
        return new BenchResult.ApiCalls(r(receives.sum() / n), r(emptyReceives.sum() / n), r(deletes.sum() / n),
                r(deadLetterSends.sum() / n), r(other.sum() / n), receives.sum(), emptyReceives.sum(),
                deletes.sum(), deadLetterSends.sum(), other.sum());
    }

    void reset() {
        receives.reset();
        emptyReceives.reset();
        deletes.reset();
        deadLetterSends.reset();
        other.reset();
    }

    private static double r(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }

    @Override
    public List<QueueMessage> receive(int max, Duration wait) {
        receives.increment();
        List<QueueMessage> got = delegate.receive(max, wait);
        if (got.isEmpty()) {
            emptyReceives.increment();
        }
        return got;
    }

    @Override
    public DeleteOutcome delete(List<QueueMessage> messages) {
        deletes.increment();
        return delegate.delete(messages);
    }

    @Override
    public void release(List<QueueMessage> messages) {
        other.increment();
        delegate.release(messages);
    }

    @Override
    public void extendLease(List<QueueMessage> messages, Duration timeout) {
        other.increment();
        delegate.extendLease(messages, timeout);
    }

    @Override
    public void sendToDeadLetter(List<DeadLetter> letters) {
        deadLetterSends.increment();
        delegate.sendToDeadLetter(letters);
    }

    @Override
    public boolean replay(String originalMessageId, int scan) {
        other.increment();
        return delegate.replay(originalMessageId, scan);
    }

    @Override
    public int discardDeadLetters(String originalMessageId, int scan) {
        other.increment();
        return delegate.discardDeadLetters(originalMessageId, scan);
    }

    @Override
    public QueueDepth depth() {
        other.increment();
        return delegate.depth();
    }

    @Override
    public Duration visibilityTimeout() {
        return delegate.visibilityTimeout();
    }
}
