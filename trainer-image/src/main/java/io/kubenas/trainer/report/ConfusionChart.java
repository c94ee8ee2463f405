package io.kubenas.trainer.report;

import io.kubenas.api.progress.history.TestEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The exported child's confusion matrix on the test split.
 *
 * @param classes class names in label order
 * @param cells {@code [predicted, true class, count]} for every pair
 * @param maxCount the largest count (the colour scale's top)
 */
record ConfusionChart(List<String> classes, List<List<Number>> cells, long maxCount, double accuracy, String split, long images) {

    static ConfusionChart of(TestEvaluation test) {
        if (test == null || test.getConfusion() == null || test.getConfusion().isEmpty()) {
            return null;
        }
        List<List<Long>> rows = test.getConfusion();
        List<String> classes = test.getClassNames() != null && test.getClassNames().size() == rows.size() ? test.getClassNames()
                : IntStream.range(0, rows.size()).mapToObj(Integer::toString).toList();
        List<List<Number>> cells = new ArrayList<>();
        long max = 0;
        for (int truth = 0; truth < rows.size(); truth++) {
            for (int predicted = 0; predicted < rows.get(truth).size(); predicted++) {
                long count = rows.get(truth).get(predicted);
                cells.add(List.of(predicted, truth, count));
                max = Math.max(max, count);
            }
        }
        return new ConfusionChart(classes, cells, max, test.getAccuracy(), test.getSplit(), test.getImages() == null ? 0 : test.getImages());
    }
}
