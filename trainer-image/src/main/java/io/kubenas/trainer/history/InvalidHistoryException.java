package io.kubenas.trainer.history;

import java.io.IOException;

/** A search history that is missing, unreadable or of a newer format; the message says which and where. */
public class InvalidHistoryException extends IOException {
    public InvalidHistoryException(String message) {
        super(message);
    }

    public InvalidHistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
