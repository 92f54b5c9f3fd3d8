package dev.drainboard.source;

import dev.drainboard.model.BulkReplay;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the whole dead-letter queue back to the queue. Where it fits - the dead-letter queue is the
 * queue's redrive target (SQS moves only from a queue that is some queue's dead-letter queue) and
 * the server answers {@code ListMessageMoveTasks} - one {@code StartMessageMoveTask} moves them in
 * bulk on the server, as the AWS console's "redrive" does. Otherwise each letter is received, sent
 * back and deleted. The capability is checked once. Thread-safe.
 */
final class DeadLetterRedrive {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);

    private final MoveTasks tasks;
    private final String deadLetterArn;
    private final String queueArn;
    private final IntSupplier receiveAndSend;
    private Boolean moveTasksWork;

    /**
     * @param deadLetterArn  the dead-letter queue's ARN when it is the queue's redrive target, else null
     * @param queueArn       the queue's ARN (the move's destination), or null when unknown
     * @param receiveAndSend the fallback: moves every letter itself and returns how many it moved
     */
    DeadLetterRedrive(MoveTasks tasks, String deadLetterArn, String queueArn, IntSupplier receiveAndSend) {
        this.tasks = tasks;
        this.deadLetterArn = deadLetterArn;
        this.queueArn = queueArn;
        this.receiveAndSend = receiveAndSend;
    }

    BulkReplay replayAll() {
        if (moveTasksFit()) {
            String handle = tasks.start(deadLetterArn, queueArn);
            log.info("Started a message move task {} from {} back to {}", handle, deadLetterArn, queueArn);
            return new BulkReplay(BulkReplay.Method.MOVE_TASK, -1, handle);
        }
        int moved = receiveAndSend.getAsInt();
        return new BulkReplay(BulkReplay.Method.RECEIVE_AND_SEND, moved, null);
    }

    /** True when a move task can do it; asked of the server once. */
    synchronized boolean moveTasksFit() {
        if (deadLetterArn == null || queueArn == null) {
            return false;
        }
        if (moveTasksWork == null) {
            try {
                tasks.probe(deadLetterArn);
                moveTasksWork = true;
            } catch (UnsupportedOperationException e) {
                log.info("The server runs no message move tasks ({}); dead letters are sent back one by one",
                        e.getMessage());
                moveTasksWork = false;
            }
        }
        return moveTasksWork;
    }
}
