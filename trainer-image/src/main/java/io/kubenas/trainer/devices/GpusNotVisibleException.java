package io.kubenas.trainer.devices;

/**
 * A trainer pod was given GPUs it cannot see: it stops before training (exit {@code GPU_NOT_VISIBLE}) rather than
 * run on fewer devices, or the CPU, while its budget counts every GPU it asked for. The message says what it
 * saw and what to check; it becomes the pod's termination message and the search's condition.
 */
public class GpusNotVisibleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GpusNotVisibleException(int gpusAsked, VisibleGpus seen) {
        super("spec.resources.gpus asks for " + gpusAsked + " GPU" + (gpusAsked == 1 ? "" : "s") + " but PyTorch sees "
                + seen.engineGpus() + ": " + seen.facts() + ". " + seen.advice()
                + " Stopped before training: the budget counts every GPU asked for, used or not.");
    }
}
