package dev.drainboard.source;

/**
 * The queue could not be reached or refused a call. The message says what failed and what to do.
 * {@link #isRetryable()} is false when the server said the request itself is at fault (a 4xx
 * sender fault other than throttling, such as a message that is too long): trying again cannot
 * help, so it is never waited out as an outage.
 */
public class SourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public SourceException(String message, Throwable cause) {
        this(message, cause, true);
    }

    public SourceException(String message) {
        this(message, null, true);
    }

    public SourceException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
