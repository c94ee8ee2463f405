package io.kubenas.trainer.serve.model;

/**
 * The classifier's answer for a batch: softmax probabilities, row-major {@code [batch, classes]}, and the
 * argmax label of each image (the lowest index on ties, as {@code NDArray.argMax} does).
 */
public record Prediction(int batch, int classes, float[] probabilities, long[] labels) {

    public Prediction {
        if (probabilities.length != (long) batch * classes || labels.length != batch) {
            throw new IllegalArgumentException("probabilities need batch*classes = " + (long) batch * classes
                    + " values and labels " + batch + ", got " + probabilities.length + " and " + labels.length);
        }
    }

    /** Labels from probabilities: the index of each row's maximum, the first one on ties. */
    public static Prediction fromProbabilities(int batch, int classes, float[] probabilities) {
        long[] labels = new long[batch];
        for (int i = 0; i < batch; i++) {
            int best = 0;
            int row = i * classes;
            for (int k = 1; k < classes; k++) {
                if (probabilities[row + k] > probabilities[row + best]) {
                    best = k;
                }
            }
            labels[i] = best;
        }
        return new Prediction(batch, classes, probabilities, labels);
    }
}
