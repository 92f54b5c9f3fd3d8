package dev.drainboard.model;

/**
 * How sending the whole dead-letter queue back went: by an SQS message move task (asynchronous, on
 * the server: {@code moved} is -1 and {@code taskHandle} names the task) or by receive, send and
 * delete here ({@code moved} letters).
 */
public record BulkReplay(Method method, int moved, String taskHandle) {
    public enum Method { MOVE_TASK, RECEIVE_AND_SEND }
}
