package io.kubenas.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.LearningRateSchedule;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.v1alpha1.SearchSpacePreset;
import io.kubenas.api.v1alpha1.Strategy;
import io.kubenas.api.v1alpha1.VolumeAccessMode;
import org.junit.jupiter.api.Test;

class SchemaDefaultsTest {

    static final String MINIMAL = """
            apiVersion: kubenas.io/v1alpha1
            kind: NasSearch
            metadata:
              name: minimal
            spec:
              dataset:
                builtin: fashion-mnist
              budget:
                deviceHours: 1
            """;

    @Test
    void minimalManifestGetsEveryDefaultFromTheCrdSchema() {
        NasSearchSpec spec = NasSearchManifests.parse(MINIMAL).getSpec();
        assertThat(spec.getStrategy()).isEqualTo(Strategy.DSNAS);
        assertThat(spec.getSearchSpace().getPreset()).isEqualTo(SearchSpacePreset.TINY);
        assertThat(spec.getSearchSpace().getWidthMultiplier()).isEqualTo(1.0);
        assertThat(spec.getTraining().getEpochs()).isEqualTo(10);
        assertThat(spec.getTraining().getBatchSize()).isEqualTo(64);
        assertThat(spec.getTraining().getSeed()).isEqualTo(42L);
        assertThat(spec.getTraining().getLabelSmoothing()).isEqualTo(0.1);
        assertThat(spec.getTraining().getEarlyFixThreshold()).isEqualTo(0.3);
        assertThat(spec.getTraining().getWeightOptimizer().getMomentum()).isEqualTo(0.9);
        assertThat(spec.getTraining().getWeightOptimizer().getWeightDecay()).isEqualTo(5e-4);
        assertThat(spec.getTraining().getWeightOptimizer().getSchedule()).isEqualTo(LearningRateSchedule.COSINE);
        assertThat(spec.getTraining().getArchitectureOptimizer().getLearningRate()).isEqualTo(0.02);
        assertThat(spec.getTraining().getArchitectureOptimizer().getBeta1()).isEqualTo(0.5);
        assertThat(spec.getDataset().getValidationFraction()).isEqualTo(0.1);
        assertThat(spec.getDataset().getAugmentation().getHorizontalFlip()).isFalse();
        assertThat(spec.getDataset().getAugmentation().getRandomErasing()).isZero();
        assertThat(spec.getCheckpoint().getKeep()).isEqualTo(3);
        assertThat(spec.getCheckpoint().getStorage().getSize()).isEqualTo("5Gi");
        assertThat(spec.getCheckpoint().getStorage().getAccessMode()).isEqualTo(VolumeAccessMode.READ_WRITE_ONCE);
        assertThat(spec.getRestartPolicy().getMaxRestarts()).isEqualTo(3);
        assertThat(spec.getServing().getEnabled()).isTrue();
        assertThat(spec.getServing().getMaxBatchSize()).isEqualTo(64);
        assertThat(spec.getTenas().getSurvivorsPerLayer()).isEqualTo(2);
        assertThat(spec.getResources().getGpus()).isZero();
        assertThat(spec.getResources().getGpuResourceName()).as("operator supplies the GPU resource name").isNull();
        assertThat(spec.getSuspend()).isFalse();
    }

    @Test
    void explicitValuesWinOverDefaults() {
        NasSearch search = NasSearchManifests.parse(MINIMAL.replace("  budget:", "  training:\n    epochs: 3\n  budget:"));
        assertThat(search.getSpec().getTraining().getEpochs()).isEqualTo(3);
        assertThat(search.getSpec().getTraining().getBatchSize()).isEqualTo(64);
    }

    @Test
    void objectsBuiltWithoutAnApiServerGetTheSameDefaults() {
        NasSearch bare = new NasSearch();
        bare.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("bare").build());
        bare.setSpec(NasSearchSpec.builder().budget(io.kubenas.api.v1alpha1.BudgetSpec.builder().deviceHours(1.0).build()).build());
        NasSearch defaulted = NasSearchManifests.withSchemaDefaults(bare);
        NasSearchSpec minimalWithoutDataset = NasSearchManifests.parse(MINIMAL).getSpec();
        minimalWithoutDataset.setDataset(null);
        assertThat(defaulted.getSpec()).isEqualTo(minimalWithoutDataset);
        assertThat(defaulted.getSpec().getTraining().getBatchSize()).isEqualTo(64);
        assertThat(bare.getSpec().getTraining()).as("the original is not modified").isNull();
    }
}
