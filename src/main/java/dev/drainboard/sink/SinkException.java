package dev.drainboard.sink;

/**
 * The database could not take a batch. {@link #isRetryable()} tells whether trying again later may
 * succeed (connection lost, server restarting); {@link #isDataRefused()} whether the data itself was
 * refused (SQLSTATE classes 22 and 23: only then may a valid login become a rejection). Anything
 * else - a missing privilege, a broken schema, an internal error - is a problem of the database
 * that neither waiting nor quarantining fixes.
 */
public class SinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final boolean dataRefused;

    /** A failure that is not about the data of a row ({@link #isDataRefused()} is false). */
    public SinkException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, false, cause);
    }

    public SinkException(String message, boolean retryable, boolean dataRefused, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.dataRefused = dataRefused;
    }

    /** True when the database refused the data of a row (SQLSTATE class 22 or 23). */
    public boolean isDataRefused() {
        return dataRefused;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
