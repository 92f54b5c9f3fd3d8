package dev.drainboard.source;

/**
 * The queue that login events are drained from, and its dead-letter queue: what draining needs
 * ({@link DrainQueue}, given to the {@code Drainer}) and what administering it needs
 * ({@link QueueAdmin}, given to the facade), over one client. Thread-safe.
 */
public interface QueueSource extends DrainQueue, QueueAdmin, AutoCloseable {

    @Override
    void close();
}
