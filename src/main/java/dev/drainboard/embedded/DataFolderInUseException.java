package dev.drainboard.embedded;

import java.io.IOException;

/** Another process, or another open workspace of this one, holds the data folder. */
public final class DataFolderInUseException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataFolderInUseException(String message) {
        super(message);
    }
}
