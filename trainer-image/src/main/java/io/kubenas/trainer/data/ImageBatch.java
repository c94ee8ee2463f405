package io.kubenas.trainer.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One batch on the trainer's device. Its arrays live in their own sub-manager, so closing the batch frees
 * them (and anything else the step attached to {@link #manager()}).
 *
 * <p>{@link #images()} is float32 [B, C, H, W], normalised. {@link #labels()} is int64 [B] holding class
 * indices: what DJL's {@code SoftmaxCrossEntropyLoss} (sparse labels, the default) picks with, what the
 * {@code Accuracy} evaluator compares to, and what {@code NDArray.oneHot} takes (for label smoothing).
 */
public final class ImageBatch implements AutoCloseable {
    private final NDManager manager;
    private final NDArray images;
    private final NDArray labels;
    private final int size;
    private final DataPosition position;

    ImageBatch(NDManager manager, NDArray images, NDArray labels, int size, DataPosition position) {
        this.manager = manager;
        this.images = images;
        this.labels = labels;
        this.size = size;
        this.position = position;
    }

    /** float32 [B, C, H, W], normalised. */
    public NDArray images() {
        return images;
    }

    /** int64 [B] class indices. */
    public NDArray labels() {
        return labels;
    }

    /** Images in this batch (the last evaluation batch may be smaller than the batch size). */
    public int size() {
        return size;
    }

    /** This batch's place in the data stream; {@code position().next()} is what to checkpoint after the step. */
    public DataPosition position() {
        return position;
    }

    /** The sub-manager the arrays live in. */
    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
