package dev.drainboard.pipeline;

/** Nothing can be revealed here: no SIV keyset is available. The message says why and what to do. */
public class RevealUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RevealUnavailableException(String message) {
        super(message);
    }
}
