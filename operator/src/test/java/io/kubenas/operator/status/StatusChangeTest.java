package io.kubenas.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.ArchitectureStatus;
import io.kubenas.api.v1alpha1.BudgetStatus;
import io.kubenas.api.v1alpha1.CheckpointRecord;
import io.kubenas.api.v1alpha1.CheckpointsStatus;
import io.kubenas.api.v1alpha1.LayerChoice;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.api.v1alpha1.ProgressStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StatusChangeTest {

    /** A running search's status at epoch 3, step 1200. */
    private static NasSearchStatus running() {
        return NasSearchStatus.builder().phase(Phase.SEARCHING).observedGeneration(1L)
                .progress(ProgressStatus.builder().stage("Searching").epoch(3).totalEpochs(16).step(1200L).loss(0.61)
                        .validationAccuracy(0.84).bestAccuracy(0.85).imagesPerSecond(410.0).updatedAt("2026-01-01T12:00:00Z").build())
                .budget(BudgetStatus.builder().deviceSecondsUsed(900.0).deviceSecondsLimit(3600.0).wallSeconds(900.0).used("25%").build())
                .architecture(ArchitectureStatus.builder().layers(List.of(LayerChoice.builder().layer(0).op("shuffle3x3")
                        .probabilities(Map.of("shuffle3x3", 0.4, "xception", 0.3)).fixed(false).build())).build())
                .checkpoints(CheckpointsStatus.builder().latest(CheckpointRecord.builder().name("epoch-2").build()).build())
                .build();
    }

    private static StatusChange after(Consumer<NasSearchStatus> edit) {
        NasSearchStatus next = running();
        edit.accept(next);
        return StatusChange.between(running(), next);
    }

    @Test
    void sameStatusIsNoChange() {
        assertThat(StatusChange.between(running(), running())).isEqualTo(StatusChange.NONE);
    }

    @Test
    void stepLossThroughputAlphaAndBudgetSecondsAreLiveFigures() {
        assertThat(after(s -> {
            s.getProgress().setStep(1300L);
            s.getProgress().setLoss(0.58);
            s.getProgress().setImagesPerSecond(420.0);
            s.getProgress().setUpdatedAt("2026-01-01T12:00:05Z");
            s.getBudget().setDeviceSecondsUsed(905.0);
            s.getBudget().setWallSeconds(905.0);
            s.getBudget().setUsed("25.1%");
            s.getArchitecture().getLayers().get(0).setProbabilities(Map.of("shuffle3x3", 0.41, "xception", 0.29));
        })).isEqualTo(StatusChange.LIVE_FIGURES_ONLY);
    }

    @Test
    void epochStageCheckpointChosenOpFixedLayerAndPhaseAreMeaningful() {
        assertThat(after(s -> s.getProgress().setEpoch(4))).isEqualTo(StatusChange.MEANINGFUL);
        assertThat(after(s -> s.getProgress().setStage("Finetuning"))).isEqualTo(StatusChange.MEANINGFUL);
        assertThat(after(s -> s.getProgress().setBestAccuracy(0.86))).isEqualTo(StatusChange.MEANINGFUL);
        assertThat(after(s -> s.getCheckpoints().getLatest().setName("epoch-3"))).isEqualTo(StatusChange.MEANINGFUL);
        assertThat(after(s -> s.getArchitecture().getLayers().get(0).setOp("xception"))).isEqualTo(StatusChange.MEANINGFUL);
        assertThat(after(s -> s.getArchitecture().getLayers().get(0).setFixed(true))).isEqualTo(StatusChange.MEANINGFUL);
        assertThat(after(s -> s.setPhase(Phase.SUSPENDED))).isEqualTo(StatusChange.MEANINGFUL);
        assertThat(StatusChange.between(null, running())).isEqualTo(StatusChange.MEANINGFUL);
    }
}
