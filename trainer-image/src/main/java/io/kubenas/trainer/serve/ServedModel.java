package io.kubenas.trainer.serve;

/**
 * A loaded image classifier the inference API can call from many request threads at once. The HTTP layer
 * depends only on this, never on the network's internals.
 */
public interface ServedModel extends AutoCloseable {

    ModelMetadata metadata();

    /**
     * Classifies a batch.
     *
     * @param pixels {@code batch × channels × height × width} values, row-major (NCHW), each in [0, 1];
     *               the caller has checked the length and the values
     * @param batch the number of images, at least 1
     * @throws ModelBusyException when no worker frees up within the model's queue timeout
     * @throws InterruptedException when the calling thread is interrupted while waiting for a worker
     */
    Prediction predict(float[] pixels, int batch) throws ModelBusyException, InterruptedException;

    /** Workers currently running a prediction (for the busy-workers gauge). */
    int busyWorkers();

    /** Frees the native memory; waits for running predictions to finish first. */
    @Override
    void close();
}
