package dev.drainboard.source;

/** The queue could not be reached or refused a call. The message says what failed and what to do. */
public class SourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    public SourceException(String message) {
        super(message);
    }
}
