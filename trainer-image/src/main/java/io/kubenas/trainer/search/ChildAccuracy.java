package io.kubenas.trainer.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kubenas.trainer.data.BatchLoader;
import io.kubenas.trainer.data.BatchStream;
import io.kubenas.trainer.data.ImageBatch;
import io.kubenas.trainer.searchspace.Supernet;

/**
 * Accuracy of the network on its current path (or of a child, which has one path) in inference mode:
 * BatchNorm uses its running statistics, as the deployed child will.
 */
public final class ChildAccuracy {
    private ChildAccuracy() {
    }

    public static double of(Supernet network, ParameterStore store, BatchLoader split, NDManager manager) {
        long correct = 0;
        long total = 0;
        try (NDManager scope = manager.newSubManager(); BatchStream batches = split.stream(scope, 0)) {
            while (batches.hasNext()) {
                try (ImageBatch batch = batches.next(); NDManager step = scope.newSubManager()) {
                    NDArray images = batch.images().toDevice(manager.getDevice(), true);
                    images.attach(step);
                    NDArray predicted = network.logits(store, images, null, false).argMax(1).toType(ai.djl.ndarray.types.DataType.INT64, false);
                    NDArray labels = batch.labels().toDevice(manager.getDevice(), true);
                    labels.attach(step);
                    correct += predicted.eq(labels).countNonzero().getLong();
                    total += batch.size();
                }
            }
        }
        return total == 0 ? 0.0 : (double) correct / total;
    }

    /** The confusion matrix on {@code split}, computed as {@link #of} counts (its accuracy is the same number). */
    static ConfusionMatrix confusion(Supernet network, ParameterStore store, BatchLoader split, NDManager manager, int classes) {
        ConfusionMatrix matrix = ConfusionMatrix.empty(classes);
        try (NDManager scope = manager.newSubManager(); BatchStream batches = split.stream(scope, 0)) {
            while (batches.hasNext()) {
                try (ImageBatch batch = batches.next(); NDManager step = scope.newSubManager()) {
                    NDArray images = batch.images().toDevice(manager.getDevice(), true);
                    images.attach(step);
                    NDArray predicted = network.logits(store, images, null, false).argMax(1).toType(ai.djl.ndarray.types.DataType.INT64, false);
                    NDArray labels = batch.labels().toType(ai.djl.ndarray.types.DataType.INT64, false);
                    matrix.add(labels.toLongArray(), predicted.toLongArray());
                }
            }
        }
        return matrix;
    }
}
