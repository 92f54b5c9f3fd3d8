package dev.drainboard.sink;

/**
 * The database could not take a batch. {@link #isRetryable()} tells whether trying again later may
 * succeed (connection lost, server restarting) or whether the data itself was refused.
 */
public class SinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public SinkException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
