package dev.drainboard.pipeline;

/** A drain ended early on a failure that waiting could not fix. Everything held was released. */
public class DrainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DrainException(String message, Throwable cause) {
        super(message, cause);
    }
}
