package io.kubenas.e2e;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
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

/** What the scripted trainer reports, as JSON the real trainer would write (the crds module's progress contract). */
final class TrainerReports {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private TrainerReports() {
    }

    /** Pushed while searching: epoch, accuracy, one layer's choice, a checkpoint of that epoch. */
    static String searching(int attempt, int epoch, double best) {
        return during(attempt, epoch, 100L * epoch, best);
    }

    /**
     * A routine report within an epoch, as the real trainer pushes every few seconds: the step, loss, throughput and α
     * move with {@code step}; epoch, best accuracy and checkpoint (the previous epoch's) do not.
     */
    static String during(int attempt, int epoch, long step, double best) {
        ProgressStatus progress = new ProgressStatus();
        progress.setEpoch(epoch);
        progress.setTotalEpochs(5);
        progress.setStep(step);
        progress.setLoss(1.0 / (1 + step));
        progress.setImagesPerSecond(400.0 + step % 7);
        progress.setBestAccuracy(best);
        progress.setValidationAccuracy(best);
        LayerChoice layer = new LayerChoice();
        layer.setLayer(0);
        layer.setOp("shuffle3x3");
        double p = 0.5 + 0.4 * step / (step + 100.0);
        layer.setProbabilities(Map.of("shuffle3x3", p, "xception", 1 - p));
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
        return JSON.asJson(TrainerProgress.builder().stage(TrainerStage.SEARCHING).outcome(TrainerOutcome.RUNNING).attempt(attempt)
                .progress(progress).architecture(architecture).checkpoints(checkpoints).build());
    }

    /** The final summary attempt 1 leaves in its termination log: the outcome and the exported child. */
    static String finished(TrainerOutcome outcome, double accuracy) {
        return finished(outcome, accuracy, "beef");
    }

    /** As {@link #finished(TrainerOutcome, double)}, with a child of that digest (the scripted trainer publishes it). */
    static String finished(TrainerOutcome outcome, double accuracy, String sha256) {
        ChildStatus child = new ChildStatus();
        child.setPath("child");
        child.setSha256(sha256);
        child.setOps(List.of("shuffle3x3", "xception"));
        child.setParameters(94_000L);
        child.setValidationAccuracy(accuracy);
        return JSON.asJson(TrainerProgress.builder().stage(TrainerStage.EXPORTED).outcome(outcome).attempt(1).child(child).build());
    }
}
