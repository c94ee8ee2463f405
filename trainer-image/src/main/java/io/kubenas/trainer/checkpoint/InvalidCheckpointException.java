package io.kubenas.trainer.checkpoint;

/** A checkpoint directory that must not be resumed from; the message says why. */
public class InvalidCheckpointException extends Exception {
    public InvalidCheckpointException(String message) {
        super(message);
    }
}
