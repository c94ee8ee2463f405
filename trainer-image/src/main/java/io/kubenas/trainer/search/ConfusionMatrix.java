package io.kubenas.trainer.search;

import java.util.Arrays;
import java.util.List;

/**
 * How a network classified a split: {@code counts[true class][predicted class]}. Its accuracy is the diagonal over the
 * total, the same count as {@link ChildAccuracy#of}.
 */
record ConfusionMatrix(long[][] counts) {

    static ConfusionMatrix empty(int classes) {
        return new ConfusionMatrix(new long[classes][classes]);
    }

    void add(long[] labels, long[] predicted) {
        for (int i = 0; i < labels.length; i++) {
            counts[(int) labels[i]][(int) predicted[i]]++;
        }
    }

    long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    long correct() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return correct;
    }

    double accuracy() {
        long total = total();
        return total == 0 ? 0.0 : (double) correct() / total;
    }

    List<List<Long>> rows() {
        return Arrays.stream(counts).map(row -> Arrays.stream(row).boxed().toList()).toList();
    }
}
