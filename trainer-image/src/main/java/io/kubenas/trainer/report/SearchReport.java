package io.kubenas.trainer.report;

import io.kubenas.api.progress.history.AttemptStart;
import io.kubenas.api.progress.history.CheckpointEvent;
import io.kubenas.api.progress.history.EpochRecord;
import io.kubenas.api.progress.history.SearchHistory;
import io.kubenas.api.progress.history.StageChange;
import io.kubenas.api.v1alpha1.Strategy;
import io.kubenas.trainer.child.ChildArchitecture;
import io.kubenas.trainer.child.InvalidChildException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything the report page draws, chart by chart, shaped from a search history and the exported child. A chart whose
 * data does not exist yet (no child before export, no pruning for DSNAS) is null and left out of the page.
 *
 * @param summary the headline figures
 * @param alpha the architecture distribution over epochs
 * @param accuracy validation accuracy against device-hours
 * @param training loss and throughput per epoch
 * @param child the child's diagram, or null before export
 * @param pruning TE-NAS's rounds, or null when it did not prune
 * @param confusion the child's confusion matrix, or null before export
 * @param timeline the checkpoints and what explains them
 */
public record SearchReport(Summary summary, AlphaHeatmap alpha, AccuracyCurve accuracy, TrainingCurve training, ChildDiagram child,
        PruningRounds pruning, ConfusionChart confusion, CheckpointTimeline timeline) {

    /**
     * @param epochsDone epochs with a record
     * @param bestValidationAccuracy the best validation accuracy of any epoch, or null
     * @param ops the child's op per layer, or null before export
     */
    public record Summary(String search, Strategy strategy, String dataset, int epochsDone, Integer totalEpochs, Double bestValidationAccuracy,
            Double testAccuracy, double deviceSecondsUsed, Double deviceSecondsLimit, Double targetAccuracy, List<String> ops, Long parameters,
            Long flops) {
    }

    /** @param child the exported child, or null when the search has not exported one */
    public static SearchReport of(SearchHistory history, ChildArchitecture child) throws InvalidChildException {
        ChildDiagram diagram = child == null ? null : ChildDiagram.of(child);
        List<EpochRecord> epochs = history.getEpochs();
        Double best = epochs.stream().map(EpochRecord::getValidationAccuracy).filter(Objects::nonNull).max(Double::compare).orElse(null);
        double used = latestDeviceSeconds(history);
        Summary summary = new Summary(history.getSearch(), history.getStrategy(), history.getDataset(), epochs.size(), history.getTotalEpochs(),
                best, history.getTest() == null ? null : history.getTest().getAccuracy(), used, history.getDeviceSecondsLimit(),
                history.getTargetAccuracy(), child == null ? null : child.ops(), diagram == null ? null : diagram.parameters(),
                diagram == null ? null : diagram.flops());
        return new SearchReport(summary, AlphaHeatmap.of(history, child == null ? null : child.ops()), AccuracyCurve.of(history),
                TrainingCurve.of(history), diagram, PruningRounds.of(history.getPruning()), ConfusionChart.of(history.getTest()),
                CheckpointTimeline.of(history));
    }

    /** The device-seconds of the newest thing recorded: usage only grows, so the largest figure is the latest. */
    private static double latestDeviceSeconds(SearchHistory history) {
        return Stream.of(history.getEpochs().stream().map(EpochRecord::getDeviceSeconds),
                        history.getStages().stream().map(StageChange::getDeviceSeconds),
                        history.getCheckpoints().stream().map(CheckpointEvent::getDeviceSeconds),
                        history.getAttempts().stream().map(AttemptStart::getDeviceSeconds))
                .flatMap(s -> s).filter(Objects::nonNull).max(Double::compare).orElse(0.0);
    }

    /** The charts the page draws for this report: the names of its sections that have data. */
    public List<String> charts() {
        return Stream.of(
                alpha == null ? null : "alpha",
                accuracy == null ? null : "accuracy",
                training == null ? null : "training",
                child == null ? null : "child",
                pruning == null ? null : "pruning",
                confusion == null ? null : "confusion",
                timeline == null ? null : "timeline").filter(Objects::nonNull).toList();
    }
}
