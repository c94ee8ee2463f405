package io.kubenas.trainer.dsnas;

import ai.djl.ndarray.NDArray;

/**
 * Cross-entropy against smoothed targets, as PyTorch's {@code CrossEntropyLoss(label_smoothing=ε)}: the
 * target is (1 − ε)·onehot(y) + ε/K over K classes, and the loss is the batch mean of −Σ target·log p.
 */
public final class LabelSmoothedCrossEntropy {
    private LabelSmoothedCrossEntropy() {
    }

    /**
     * @param logits [B, K]
     * @param labels [B] class indices (int64 or int32)
     * @param epsilon the smoothing ε in [0, 1)
     * @return the mean loss, a scalar
     */
    public static NDArray loss(NDArray logits, NDArray labels, double epsilon) {
        int classes = (int) logits.getShape().get(1);
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray target = labels.oneHot(classes).mul(1 - epsilon).add(epsilon / classes);
        return logProbabilities.mul(target).sum(new int[] {1}).mean().neg();
    }
}
