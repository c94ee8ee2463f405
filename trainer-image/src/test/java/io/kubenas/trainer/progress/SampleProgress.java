package io.kubenas.trainer.progress;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.ArchitectureStatus;
import io.kubenas.api.progress.AttemptBudget;
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
        return TrainerProgress.builder().stage(TrainerStage.SEARCHING).outcome(TrainerOutcome.RUNNING).attempt(2)
                .progress(ProgressStatus.builder().stage("Searching").epoch(3).totalEpochs(16).step(step).loss(0.4123)
                        .validationAccuracy(0.884).bestAccuracy(0.89).imagesPerSecond(1650.0)
                        .updatedAt("2026-11-24T12:00:00Z").build())
                .budget(AttemptBudget.builder().deviceSecondsUsed(432.0).deviceSecondsLimit(3600.0).attemptSeconds(432.0)
                        .used("12%").build())
                .etaSeconds(372.0).build();
    }

    static TrainerProgress finished(int layers) {
        List<LayerChoice> choices = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            choices.add(LayerChoice.builder().layer(i).op("shuffle3x3").fixed(true).probabilities(
                    Map.of("shuffle3x3", 0.7, "shuffle5x5", 0.1, "shuffle7x7", 0.1, "xception", 0.1)).build());
        }
        List<CheckpointRecord> history = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            history.add(CheckpointRecord.builder().name("ckpt-00000" + i).path("checkpoints/ckpt-00000" + i).epoch(i)
                    .step(i * 843L).sha256("ab".repeat(32)).time("2026-11-24T12:0" + i + ":00Z").build());
        }
        TrainerProgress finished = searching(13_488);
        finished.setStage(TrainerStage.EXPORTED);
        finished.setOutcome(TrainerOutcome.TARGET_REACHED);
        finished.setArchitecture(ArchitectureStatus.builder().layers(choices).build());
        finished.setCheckpoints(CheckpointsStatus.builder().history(history).latest(history.get(2)).build());
        finished.setChild(ChildStatus.builder().path("child").sha256("cd".repeat(32)).ops(List.of("shuffle3x3", "xception"))
                .parameters(30_123L).validationAccuracy(0.934).testAccuracy(0.931)
                .exportedAt("2026-11-24T12:20:00Z").build());
        return finished;
    }
}
