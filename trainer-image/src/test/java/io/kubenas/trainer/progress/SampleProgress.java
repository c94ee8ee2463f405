package io.kubenas.trainer.progress;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.ArchitectureStatus;
import io.kubenas.api.v1alpha1.BudgetStatus;
import io.kubenas.api.v1alpha1.CheckpointRecord;
import io.kubenas.api.v1alpha1.CheckpointsStatus;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.LayerChoice;
import io.kubenas.api.v1alpha1.ProgressStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reports shaped like the trainer's. */
final class SampleProgress {
    private SampleProgress() {
    }

    static TrainerProgress searching(long step) {
        return new TrainerProgress().withStage(TrainerStage.SEARCHING).withOutcome(TrainerOutcome.RUNNING).withAttempt(2)
                .withProgress(new ProgressStatus().withStage("Searching").withEpoch(3).withTotalEpochs(16).withStep(step).withLoss(0.4123)
                        .withValidationAccuracy(0.884).withBestAccuracy(0.89).withImagesPerSecond(1650.0)
                        .withUpdatedAt("2026-11-24T12:00:00Z"))
                .withBudget(new BudgetStatus().withDeviceSecondsUsed(432.0).withDeviceSecondsLimit(3600.0).withWallSeconds(432.0)
                        .withUsed("12%"))
                .withEtaSeconds(372.0);
    }

    static TrainerProgress finished(int layers) {
        List<LayerChoice> choices = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            choices.add(new LayerChoice().withLayer(i).withOp("shuffle3x3").withFixed(true).withProbabilities(
                    Map.of("shuffle3x3", 0.7, "shuffle5x5", 0.1, "shuffle7x7", 0.1, "xception", 0.1)));
        }
        List<CheckpointRecord> history = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            history.add(new CheckpointRecord().withName("ckpt-00000" + i).withPath("checkpoints/ckpt-00000" + i).withEpoch(i)
                    .withStep(i * 843L).withSha256("ab".repeat(32)).withTime("2026-11-24T12:0" + i + ":00Z"));
        }
        return searching(13_488).withStage(TrainerStage.EXPORTED).withOutcome(TrainerOutcome.TARGET_REACHED)
                .withArchitecture(new ArchitectureStatus().withLayers(choices))
                .withCheckpoints(new CheckpointsStatus().withHistory(history).withLatest(history.get(2)))
                .withChild(new ChildStatus().withPath("child").withSha256("cd".repeat(32)).withOps(List.of("shuffle3x3", "xception"))
                        .withParameters(30_123L).withValidationAccuracy(0.934).withTestAccuracy(0.931)
                        .withExportedAt("2026-11-24T12:20:00Z"));
    }
}
