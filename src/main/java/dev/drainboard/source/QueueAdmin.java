package dev.drainboard.source;

import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.QueueSetup;
import java.util.List;

/**
 * What administering the queue needs: depths for the console and {@code depth}, and sending demo
 * and seed messages. (Replaying a rejected message is the {@code Drainer}'s, since it marks the
 * rejection record first: {@link DrainQueue#replay}.) Thread-safe. Calls may throw
 * {@link SourceException} when the queue cannot be reached.
 */
public interface QueueAdmin {

    /** Sends bodies to the main queue, in batches of 10. Used to seed demos and tests. */
    void send(List<String> bodies);

    QueueDepth depth();

    QueueDepth deadLetterDepth();

    /** FIFO or standard, and which dead-letter queue is in use (the redrive target or Drainboard's own). */
    QueueSetup setup();

    /** Where this queue is, for display: endpoint and queue, never credentials. */
    String describe();
}
