package io.kubenas.trainer.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.kubenas.trainer.data.BatchLoader;
import io.kubenas.trainer.data.BatchStream;
import io.kubenas.trainer.data.ImageBatch;
import io.kubenas.trainer.searchspace.Supernet;
import java.util.function.BiConsumer;

/**
 * Accuracy of the network on its current path (or of a child, which has one path) in inference mode:
 * BatchNorm uses its running statistics, as the deployed child will.
 */
public final class ChildAccuracy {
    private ChildAccuracy() {
    }

    public static double of(Supernet network, ParameterStore store, BatchLoader split, NDManager manager) {
        long[] correctAndTotal = new long[2];
        classify(network, store, split, manager, (predicted, labels) -> {
            correctAndTotal[0] += predicted.eq(labels).countNonzero().getLong();
            correctAndTotal[1] += labels.size();
        });
        return correctAndTotal[1] == 0 ? 0.0 : (double) correctAndTotal[0] / correctAndTotal[1];
    }

    /** The confusion matrix on {@code split}, computed as {@link #of} counts (its accuracy is the same number). */
    static ConfusionMatrix confusion(Supernet network, ParameterStore store, BatchLoader split, NDManager manager, int classes) {
        ConfusionMatrix matrix = ConfusionMatrix.empty(classes);
        classify(network, store, split, manager, (predicted, labels) -> matrix.add(labels.toLongArray(), predicted.toLongArray()));
        return matrix;
    }

    /** Hands every batch's predicted classes and labels (both INT64, on the network's device) to {@code batchDone}. */
    private static void classify(Supernet network, ParameterStore store, BatchLoader split, NDManager manager,
            BiConsumer<NDArray, NDArray> batchDone) {
        try (NDManager scope = manager.newSubManager(); BatchStream batches = split.stream(scope, 0)) {
            while (batches.hasNext()) {
                try (ImageBatch batch = batches.next(); NDManager step = scope.newSubManager()) {
                    NDArray images = batch.images().toDevice(manager.getDevice(), true);
                    images.attach(step);
                    NDArray predicted = network.logits(store, images, null, false).argMax(1).toType(DataType.INT64, false);
                    NDArray labels = batch.labels().toDevice(manager.getDevice(), true).toType(DataType.INT64, false);
                    labels.attach(step);
                    batchDone.accept(predicted, labels);
                }
            }
        }
    }
}
