package io.kubenas.trainer.checkpoint;

/**
 * What the trainer says about the state it checkpoints; it goes into the manifest and the status.
 *
 * @param epoch epochs completed
 * @param step optimisation steps completed
 * @param validationAccuracy of the derived child at that point, or null when not measured
 */
public record CheckpointMetadata(int epoch, long step, Double validationAccuracy) {
    public CheckpointMetadata {
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("epoch and step must be >= 0, got " + epoch + " and " + step);
        }
    }
}
