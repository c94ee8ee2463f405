package io.kubenas.trainer.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the trainer's state as files into {@code dir} (weights, architecture logits, optimizer states,
 * RNG state, data position, budget used — any names, sub-folders allowed, except {@code manifest.json}).
 * The directory is a temporary one: it becomes a checkpoint only after this returns and every file is
 * hashed and synced. Throwing leaves no checkpoint behind.
 */
@FunctionalInterface
public interface CheckpointWriter {
    void write(Path dir) throws IOException;
}
