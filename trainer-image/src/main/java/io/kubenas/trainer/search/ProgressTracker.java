package io.kubenas.trainer.search;

import io.kubenas.api.progress.AttemptBudget;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.ArchitectureStatus;
import io.kubenas.api.v1alpha1.CheckpointsStatus;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.ProgressStatus;
import java.time.Clock;
import java.time.Instant;

/**
 * Turns the loop's counters into {@link TrainerProgress} reports: a smoothed loss, throughput and an ETA
 * from the recent step rate.
 */
final class ProgressTracker {
    private static final double LOSS_SMOOTHING = 0.05;

    private final Clock clock;
    private final int attempt;
    private final int totalEpochs;
    private final long plannedSteps;
    private double smoothedLoss = Double.NaN;
    private long imagesSinceMark;
    private long markMillis;
    private double imagesPerSecond;
    private double secondsPerStep;
    private long stepsSinceMark;

    ProgressTracker(Clock clock, int attempt, int totalEpochs, long plannedSteps) {
        this.clock = clock;
        this.attempt = attempt;
        this.totalEpochs = totalEpochs;
        this.plannedSteps = plannedSteps;
        this.markMillis = clock.millis();
    }

    void stepDone(double loss, int images) {
        smoothedLoss = Double.isNaN(smoothedLoss) ? loss : (1 - LOSS_SMOOTHING) * smoothedLoss + LOSS_SMOOTHING * loss;
        imagesSinceMark += images;
        stepsSinceMark++;
        long now = clock.millis();
        if (now - markMillis >= 2000) {
            double seconds = (now - markMillis) / 1000.0;
            imagesPerSecond = imagesSinceMark / seconds;
            secondsPerStep = seconds / stepsSinceMark;
            imagesSinceMark = 0;
            stepsSinceMark = 0;
            markMillis = now;
        }
    }

    TrainerProgress snapshot(TrainerStage stage, TrainerOutcome outcome, int epoch, long step, RunState state,
            ArchitectureStatus architecture, DeviceBudget budget, CheckpointsStatus checkpoints, ChildStatus child) {
        ProgressStatus progress = ProgressStatus.builder()
                .stage(stage.display())
                .epoch(Math.min(totalEpochs, epoch + 1))
                .totalEpochs(totalEpochs)
                .step(step)
                .loss(Double.isNaN(smoothedLoss) ? null : round(smoothedLoss, 4))
                .validationAccuracy(state.lastAccuracy() == null ? null : round(state.lastAccuracy(), 4))
                .bestAccuracy(state.lastAccuracy() == null ? null : round(state.bestAccuracy(), 4))
                .imagesPerSecond(imagesPerSecond == 0 ? null : round(imagesPerSecond, 1))
                .updatedAt(Instant.ofEpochMilli(clock.millis()).toString())
                .build();
        AttemptBudget budgetStatus = AttemptBudget.builder()
                .deviceSecondsUsed(round(budget.used().deviceSeconds(), 1))
                .deviceSecondsLimit(budget.budget().limitDeviceSeconds())
                .attemptSeconds(round(budget.attemptSeconds(), 1))
                .used(budget.usedPercent())
                .build();
        Double eta = secondsPerStep == 0 ? null : round(Math.max(0, plannedSteps - step) * secondsPerStep, 0);
        return TrainerProgress.builder()
                .stage(stage)
                .outcome(outcome)
                .attempt(attempt)
                .progress(progress)
                .architecture(architecture)
                .budget(budgetStatus)
                .checkpoints(checkpoints)
                .child(child)
                .etaSeconds(eta)
                .build();
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
