package io.kubenas.trainer.report;

import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.progress.history.EpochRecord;
import io.kubenas.api.progress.history.SearchHistory;
import java.util.Arrays;
import java.util.List;

/**
 * The mean training loss and the throughput of each epoch.
 *
 * @param points {@code [epoch, loss, images per second]}; the throughput is null where it was not measured
 * @param childPhaseFrom the first epoch of the child phase, or null when there is none
 */
record TrainingCurve(List<List<Number>> points, Integer childPhaseFrom) {

    static TrainingCurve of(SearchHistory history) {
        List<List<Number>> points = history.getEpochs().stream()
                .filter(r -> r.getTrainingLoss() != null)
                .map(r -> Arrays.<Number>asList(r.getEpoch(), r.getTrainingLoss(), r.getImagesPerSecond()))
                .toList();
        if (points.isEmpty()) {
            return null;
        }
        Integer childFrom = history.getEpochs().stream()
                .filter(r -> r.getStage() == TrainerStage.CHILD_TRAINING)
                .map(EpochRecord::getEpoch)
                .findFirst().orElse(null);
        return new TrainingCurve(points, childFrom);
    }
}
