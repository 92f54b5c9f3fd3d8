package dev.drainboard.source;

import dev.drainboard.model.QueueDepth;
import java.util.List;

/**
 * What administering the queue needs: depths for the console and {@code depth}, sending demo and
 * seed messages, and replaying a rejected message from the dead-letter queue. Thread-safe. Calls
 * may throw {@link SourceException} when the queue cannot be reached.
 */
public interface QueueAdmin {

    /** Sends bodies to the main queue, in batches of 10. Used to seed demos and tests. */
    void send(List<String> bodies);

    /**
     * Moves the dead-letter message whose original id is {@code originalMessageId} back to the main
     * queue. Looks at up to {@code scan} dead letters; returns false when it was not found.
     */
    boolean replay(String originalMessageId, int scan);

    QueueDepth depth();

    QueueDepth deadLetterDepth();

    /** Where this queue is, for display: endpoint and queue, never credentials. */
    String describe();
}
