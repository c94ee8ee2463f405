package io.kubenas.trainer.data;

/**
 * The dataset's files are missing, truncated or not in the expected format. The message says which file
 * and how to fix it; restarting the trainer cannot help, so the CLI maps this to
 * {@link io.kubenas.api.progress.TrainerExitCode#INVALID_INPUT}.
 */
public class DatasetUnavailableException extends RuntimeException {
    public DatasetUnavailableException(String message) {
        super(message);
    }

    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
