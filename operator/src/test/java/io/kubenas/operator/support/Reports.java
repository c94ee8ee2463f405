package io.kubenas.operator.support;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.ArchitectureStatus;
import io.kubenas.api.v1alpha1.CheckpointRecord;
import io.kubenas.api.v1alpha1.CheckpointsStatus;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.LayerChoice;
import io.kubenas.api.v1alpha1.ProgressStatus;
import java.util.List;
import java.util.Map;

/** Trainer reports as the trainer would push them (progress ConfigMap) or leave them (termination message). */
public final class Reports {
    private Reports() {
    }

    public static TrainerProgress searching(int attempt, int epoch, double best) {
        ProgressStatus progress = new ProgressStatus();
        progress.setEpoch(epoch);
        progress.setTotalEpochs(3);
        progress.setStep(100L * epoch);
        progress.setLoss(1.0 / epoch);
        progress.setBestAccuracy(best);
        progress.setValidationAccuracy(best);
        LayerChoice layer = new LayerChoice();
        layer.setLayer(0);
        layer.setOp("shuffle3x3");
        layer.setProbabilities(Map.of("shuffle3x3", 0.7, "xception", 0.3));
        ArchitectureStatus architecture = new ArchitectureStatus();
        architecture.setLayers(List.of(layer));
        CheckpointRecord checkpoint = new CheckpointRecord();
        checkpoint.setName("epoch-" + epoch);
        checkpoint.setPath("checkpoints/epoch-" + epoch);
        checkpoint.setEpoch(epoch);
        checkpoint.setSha256("c0ffee" + epoch);
        CheckpointsStatus checkpoints = new CheckpointsStatus();
        checkpoints.setLatest(checkpoint);
        checkpoints.setHistory(List.of(checkpoint));
        return new TrainerProgress().withStage(TrainerStage.SEARCHING).withOutcome(TrainerOutcome.RUNNING).withAttempt(attempt)
                .withProgress(progress).withArchitecture(architecture).withCheckpoints(checkpoints);
    }

    public static ChildStatus child(double accuracy) {
        ChildStatus child = new ChildStatus();
        child.setPath("child");
        child.setSha256("beef");
        child.setOps(List.of("shuffle3x3", "xception"));
        child.setParameters(94_000L);
        child.setValidationAccuracy(accuracy);
        return child;
    }

    /** The compact final summary a trainer writes to /dev/termination-log. */
    public static String finalSummary(int attempt, TrainerOutcome outcome, ChildStatus child) {
        return Serialization.asJson(new TrainerProgress().withStage(TrainerStage.EXPORTED).withOutcome(outcome).withAttempt(attempt).withChild(child));
    }
}
