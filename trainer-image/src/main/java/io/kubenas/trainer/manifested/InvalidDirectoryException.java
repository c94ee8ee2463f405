package io.kubenas.trainer.manifested;

/** A manifested directory that must not be read: its manifest is missing or its files do not match it. The message says why. */
public class InvalidDirectoryException extends Exception {
    public InvalidDirectoryException(String message) {
        super(message);
    }
}
