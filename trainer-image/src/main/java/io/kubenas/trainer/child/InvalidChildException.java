package io.kubenas.trainer.child;

/** An exported child that cannot be served: missing, incomplete, corrupt or inconsistent. The message says which. */
public class InvalidChildException extends Exception {
    public InvalidChildException(String message) {
        super(message);
    }

    public InvalidChildException(String message, Throwable cause) {
        super(message, cause);
    }
}
