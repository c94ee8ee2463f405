package io.kubenas.trainer.report;

import io.kubenas.api.progress.history.EpochRecord;
import io.kubenas.api.progress.history.SearchHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * Validation accuracy of the derived child against the device-hours spent, with the target and the budget limit.
 *
 * @param points {@code [device-hours, accuracy, epoch]} at each epoch end that was validated
 * @param targetAccuracy the target in effect, or null
 * @param budgetDeviceHours the budget in effect
 * @param test {@code [device-hours, accuracy]} of the exported child on the test split, or null before export
 */
record AccuracyCurve(List<List<Number>> points, Double targetAccuracy, double budgetDeviceHours, List<Number> test) {
    static final double SECONDS_PER_HOUR = 3600.0;

    static AccuracyCurve of(SearchHistory history) {
        List<List<Number>> points = new ArrayList<>();
        for (EpochRecord record : history.getEpochs()) {
            if (record.getValidationAccuracy() != null) {
                points.add(List.of(hours(record.getDeviceSeconds()), record.getValidationAccuracy(), record.getEpoch()));
            }
        }
        if (points.isEmpty()) {
            return null;
        }
        List<Number> test = history.getTest() == null ? null
                : List.of(points.get(points.size() - 1).get(0), history.getTest().getAccuracy());
        return new AccuracyCurve(points, history.getTargetAccuracy(), hours(history.getDeviceSecondsLimit()), test);
    }

    static double hours(double deviceSeconds) {
        return Math.round(deviceSeconds / SECONDS_PER_HOUR * 1e6) / 1e6;
    }
}
