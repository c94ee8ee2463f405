package io.kubenas.api.space;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.api.v1alpha1.LayerSpec;
import io.kubenas.api.v1alpha1.SearchSpacePreset;
import io.kubenas.api.v1alpha1.SearchSpaceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSpaceResolverTest {

    @Test
    void tinyPresetHasTwoStagesOfFourLayersForSmallImages() {
        ResolvedSearchSpace space = SearchSpaceResolver.resolve(SearchSpaceSpec.builder().preset(SearchSpacePreset.TINY).build(), InputShape.FASHION_MNIST);
        assertThat(space.stemChannels()).isEqualTo(16);
        assertThat(space.stemStride()).isEqualTo(1);
        assertThat(space.layers()).extracting(ResolvedLayer::outChannels).containsExactly(32, 32, 32, 32, 64, 64, 64, 64);
        assertThat(space.layers()).extracting(ResolvedLayer::stride).containsExactly(2, 1, 1, 1, 2, 1, 1, 1);
        assertThat(space.layers()).extracting(ResolvedLayer::inputSize).containsExactly(28, 14, 14, 14, 14, 7, 7, 7);
        assertThat(space.tailChannels()).isEqualTo(128);
        assertThat(space.layers().get(0).candidates()).containsExactly(Candidate.values());
    }

    @Test
    void shufflenetPresetIsThePapersTwentyLayerSpace() {
        ResolvedSearchSpace space = SearchSpaceResolver.resolve(
                SearchSpaceSpec.builder().preset(SearchSpacePreset.SHUFFLENET_IMAGENET).build(), new InputShape(3, 224, 1000));
        assertThat(space.layers()).hasSize(20);
        assertThat(space.stemStride()).isEqualTo(2);
        assertThat(space.layers().stream().filter(l -> l.stride() == 2).map(ResolvedLayer::index)).containsExactly(0, 4, 8, 16);
        assertThat(space.layers().get(19).outputSize()).isEqualTo(7);
        assertThat(space.dropout()).isEqualTo(0.1);
        assertThat(space.architectureCount()).isEqualTo(Math.pow(4, 20));
    }

    @Test
    void widthMultiplierScalesChannelsToMultiplesOfFour() {
        ResolvedSearchSpace space = SearchSpaceResolver.resolve(
                SearchSpaceSpec.builder().preset(SearchSpacePreset.TINY).widthMultiplier(1.5).build(), InputShape.FASHION_MNIST);
        assertThat(space.layers()).extracting(ResolvedLayer::outChannels).containsOnly(48, 96);
        assertThat(space.stemChannels()).isEqualTo(24);
        assertThat(space.tailChannels()).isEqualTo(192);
    }

    @Test
    void explicitLayersChainTheirChannelsAndKeepTheirCandidates() {
        SearchSpaceSpec spec = SearchSpaceSpec.builder().stemChannels(8).layers(List.of(
                LayerSpec.builder().outChannels(16).stride(2).candidates(List.of(Candidate.XCEPTION, Candidate.SHUFFLE_3X3)).build(),
                LayerSpec.builder().outChannels(16).stride(1).build())).build();
        ResolvedSearchSpace space = SearchSpaceResolver.resolve(spec, InputShape.CIFAR10);
        assertThat(space.layers().get(0).inChannels()).isEqualTo(8);
        assertThat(space.layers().get(1).inChannels()).isEqualTo(16);
        assertThat(space.layers().get(0).candidates()).containsExactly(Candidate.XCEPTION, Candidate.SHUFFLE_3X3);
        assertThat(space.layers().get(1).candidates()).hasSize(4);
        assertThat(space.layers().get(1).inputSize()).isEqualTo(16);
    }
}
