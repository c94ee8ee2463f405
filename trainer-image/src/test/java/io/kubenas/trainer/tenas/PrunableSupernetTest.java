package io.kubenas.trainer.tenas;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.space.SearchSpaceResolver;
import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.api.v1alpha1.LayerSpec;
import io.kubenas.api.v1alpha1.SearchSpacePreset;
import io.kubenas.api.v1alpha1.SearchSpaceSpec;
import io.kubenas.trainer.data.Normalization;
import io.kubenas.trainer.searchspace.WithEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrunableSupernetTest extends WithEngine {

    PrunableSupernetTest() {
        // Seeded: the region count saturates at the distinct crops for some initialisations (both counts 466 of
        // 500), which made the unseeded test fail in 2 of 3 runs here.
        super(11);
    }

    @Test
    void thinCopyOfTheTinySpaceKeepsEveryUnitBuildable() {
        ResolvedSearchSpace tiny = SearchSpaceResolver.resolve(SearchSpaceSpec.builder().preset(SearchSpacePreset.TINY).build(), InputShape.FASHION_MNIST);
        ResolvedSearchSpace thin = PrunableSupernet.thin(tiny, 0.0625, 1, 3);
        assertThat(thin.stemChannels()).isEqualTo(2);
        assertThat(thin.layers()).extracting(ResolvedLayer::outChannels).containsExactly(4, 4, 4, 4, 6, 6, 6, 6);
        assertThat(thin.layers()).extracting(ResolvedLayer::inputSize).containsExactly(3, 2, 2, 2, 2, 1, 1, 1);
        assertThat(thin.tailChannels()).isEqualTo(8);
        assertThat(thin.dropout()).isZero();
        assertThat(thin.input()).isEqualTo(new InputShape(1, 3, 10));
        PrunableSupernet regions = PrunableSupernet.forRegions(tiny, 0.0625, 3, manager);
        assertThat(regions.candidates(7)).containsExactly("shuffle3x3", "shuffle5x5", "shuffle7x7", "xception");
        assertThat(regions.flops(7, 2)).isGreaterThan(regions.flops(7, 0)); // the full-size space's FLOPs
    }

    @Test
    void supernetReluTapFeedsTheRegionCount() {
        ResolvedSearchSpace tiny = SearchSpaceResolver.resolve(SearchSpaceSpec.builder().preset(SearchSpacePreset.TINY).build(), InputShape.FASHION_MNIST);
        PrunableSupernet regions = PrunableSupernet.forRegions(tiny, 0.0625, 3, manager);
        TrainingImageSampler sampler = new TrainingImageSampler(TenasPrunerTest.textures(64, 12), new Normalization(new float[] {0.5f}, new float[] {0.29f}));
        NDArray crops = sampler.crops(manager, 500, 3, 1, 1);
        int all = new LinearRegionCount().count(regions.block(), List.of(crops));
        regions.setActive(0, new boolean[] {true, false, false, false});
        int fewer = new LinearRegionCount().count(regions.block(), List.of(crops));
        assertThat(all).isBetween(2, 500);
        assertThat(fewer).isBetween(2, 500).isNotEqualTo(all);
    }

    @Test
    void prunesTheRealSupernetToTheWantedSurvivorsUnderTheSpacesCandidateNames() {
        ResolvedSearchSpace space = SearchSpaceResolver.resolve(SearchSpaceSpec.builder().stemChannels(8).tailChannels(16).layers(List.of(
                LayerSpec.builder().outChannels(16).stride(2).build(),
                LayerSpec.builder().outChannels(16).stride(1).candidates(List.of(Candidate.SHUFFLE_3X3, Candidate.XCEPTION)).build())).build(),
                new InputShape(1, 12, 10));
        TrainingImageSampler sampler = new TrainingImageSampler(TenasPrunerTest.textures(64, 12), new Normalization(new float[] {0.5f}, new float[] {0.29f}));
        TenasPruner pruner = new TenasPruner(PrunableSupernet.forNtk(space, 0.5, manager), PrunableSupernet.forRegions(space, 0.25, 3, manager),
                sampler, new PruningSettings(1, 2, 8, 3, 300, 2, true, 3));
        PruningResult result = pruner.prune(manager);
        assertThat(result.status().getRounds()).isEqualTo(3);
        assertThat(result.survivors()).allSatisfy(kept -> assertThat(kept).hasSize(1));
        assertThat(result.survivors().get(1)).containsAnyOf("shuffle3x3", "xception");
        assertThat(result.status().getScores()).hasSize(4 + 2 + 3 + 2);
    }
}
