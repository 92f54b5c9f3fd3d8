package dev.drainboard.source;

/**
 * The SQS message-move API ({@code ListMessageMoveTasks}, {@code StartMessageMoveTask}), behind an
 * interface so the choice between a move task and receive-and-send is tested with a fake.
 */
interface MoveTasks {

    /**
     * Asks the server whether it runs move tasks for {@code sourceArn}; throws
     * {@link UnsupportedOperationException} when it does not (an unknown action, no permission).
     */
    void probe(String sourceArn);

    /** Starts moving every message of {@code sourceArn} to {@code destinationArn}; returns the task handle. */
    String start(String sourceArn, String destinationArn);
}
