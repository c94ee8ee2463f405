package io.kubenas.trainer.devices;

import ai.djl.ndarray.NDArray;

/** The training loss: the mean over a batch, as a scalar array that back-propagates. */
@FunctionalInterface
public interface LossFunction {
    NDArray loss(NDArray logits, NDArray labels);
}
