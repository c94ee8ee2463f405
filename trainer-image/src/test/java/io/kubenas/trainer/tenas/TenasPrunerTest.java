package io.kubenas.trainer.tenas;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.CandidateScore;
import io.kubenas.trainer.data.ImageSet;
import io.kubenas.trainer.data.Normalization;
import io.kubenas.trainer.searchspace.WithEngine;
import io.kubenas.trainer.tenas.ToyChainSupernet.Kind;
import io.kubenas.trainer.tenas.ToyChainSupernet.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenasPrunerTest extends WithEngine {
    private static final List<Layer> LAYERS = List.of(
            new Layer(8, 2, List.of(Kind.CONV3X3, Kind.SHUFFLE5X5, Kind.XCEPTION)),
            new Layer(8, 1, List.of(Kind.CONV1X1, Kind.SHUFFLE3X3)),
            new Layer(12, 2, List.of(Kind.SHUFFLE3X3, Kind.SHUFFLE7X7, Kind.CONV3X3)));
    private static final PruningSettings SMALL = new PruningSettings(1, 2, 8, 3, 300, 2, false, 42);

    private TrainingImageSampler sampler;

    @BeforeEach
    void open() {
        sampler = new TrainingImageSampler(textures(64, 12), new Normalization(new float[] {0.5f}, new float[] {0.29f}));
    }

    @Test
    void prunesEveryLayerToOneCandidateOneCandidatePerLayerPerRound() {
        PruningResult result = pruner(SMALL).prune(manager);

        assertThat(result.survivors()).allSatisfy(kept -> assertThat(kept).hasSize(1));
        assertThat(result.status().getRounds()).isEqualTo(2); // 3 → 2 → 1 on the widest layers
        List<CandidateScore> scores = result.status().getScores();
        // round 1 scores 3 + 2 + 3 candidates; round 2 only the layers still holding 2: 2 + 2
        assertThat(scores).hasSize(12);
        assertThat(scores.stream().filter(s -> s.getRound() == 2).map(CandidateScore::getLayer).distinct()).containsExactly(0, 2);
        for (int round = 1; round <= 2; round++) {
            int r = round;
            assertThat(scores.stream().filter(s -> s.getRound() == r && s.getPruned())
                    .collect(Collectors.groupingBy(CandidateScore::getLayer, Collectors.counting())))
                    .allSatisfy((layer, pruned) -> assertThat(pruned).isEqualTo(1L));
        }
        // the survivor is the one candidate of each layer never pruned
        for (int l = 0; l < LAYERS.size(); l++) {
            int layer = l;
            List<String> pruned = scores.stream().filter(s -> s.getLayer() == layer && s.getPruned()).map(CandidateScore::getCandidate).toList();
            List<String> expected = new ArrayList<>(LAYERS.get(l).candidates().stream().map(Kind::wireName).toList());
            expected.removeAll(pruned);
            assertThat(result.survivors().get(l)).isEqualTo(expected);
        }
        assertThat(result.status().getSeconds()).isPositive();
        assertThat(result.ntkEvaluations()).isEqualTo(SMALL.repeats() * (1 + 8 + 1 + 4));
        System.out.printf("toy chain (3 layers, NTK width 8-12, batch %d; regions width 4-6, %dx%d crops): %.1f s, %.1f ms per kappa, %.1f ms per R%n",
                SMALL.ntkBatchSize(), SMALL.regionBatches(), SMALL.regionSamples(), result.status().getSeconds(),
                result.millisPerNtk(), result.millisPerRegions());
    }

    @Test
    void theSameSeedGivesTheSameScoresAndSurvivors() {
        PruningResult first = pruner(SMALL).prune(manager);
        PruningResult second = pruner(SMALL).prune(manager);
        assertThat(second.status().getScores()).isEqualTo(first.status().getScores());
        assertThat(second.survivors()).isEqualTo(first.survivors());
        assertThat(first.status().getScores()).extracting(CandidateScore::getNtkDelta).doesNotContainNull()
                .anySatisfy(d -> assertThat(d).isNotZero());
        assertThat(first.status().getScores()).extracting(CandidateScore::getRegionsDelta)
                .anySatisfy(d -> assertThat(d).isNotZero());
    }

    @Test
    void twoWorkersOnReplicasGiveTheSameResultAsOne() {
        PruningResult alone = pruner(SMALL).prune(manager);
        TenasPruner parallel = new TenasPruner(List.of(ntkNetwork(), ntkNetwork()), List.of(regionNetwork(), regionNetwork()), sampler, SMALL);
        PruningResult together = parallel.prune(manager);
        assertThat(together.status().getScores()).isEqualTo(alone.status().getScores());
        assertThat(together.ntkEvaluations()).isEqualTo(alone.ntkEvaluations());
    }

    @Test
    void oneNetworkCanServeForBothScores() {
        ToyChainSupernet both = ntkNetwork();
        PruningResult result = new TenasPruner(both, both, sampler, SMALL.withRegionSamples(100, 1)).prune(manager);
        assertThat(result.survivors()).allSatisfy(kept -> assertThat(kept).hasSize(1));
    }

    @Test
    void keepsTwoSurvivorsPerLayerForTenasDsnasAndLeavesLayersAlreadyThereAlone() {
        PruningResult result = pruner(SMALL.withSurvivors(2)).prune(manager);
        assertThat(result.status().getRounds()).isEqualTo(1);
        assertThat(result.survivors()).allSatisfy(kept -> assertThat(kept).hasSize(2));
        assertThat(result.survivors().get(1)).containsExactly("conv1x1", "shuffle3x3");
        assertThat(result.status().getScores()).filteredOn(s -> s.getLayer() == 1).extracting(CandidateScore::getPruned)
                .containsOnly(false);
    }

    @Test
    void listenerHearsEveryRound() {
        List<Integer> rounds = new ArrayList<>();
        pruner(SMALL).prune(manager, (round, scores, seconds) -> rounds.add(round));
        assertThat(rounds).containsExactly(1, 2);
    }

    private TenasPruner pruner(PruningSettings settings) {
        return new TenasPruner(ntkNetwork(), regionNetwork(), sampler, settings);
    }

    private ToyChainSupernet ntkNetwork() {
        return new ToyChainSupernet(manager, 1, 12, 4, LAYERS, 16, 10, KaimingInitialization.Fan.OUT);
    }

    /** Half as wide, and built for 3×3 crops. */
    private ToyChainSupernet regionNetwork() {
        List<Layer> thin = LAYERS.stream().map(l -> new Layer(l.outChannels() / 2, l.stride(), l.candidates())).toList();
        return new ToyChainSupernet(manager, 1, 3, 2, thin, 8, 10, KaimingInitialization.Fan.IN);
    }

    /** Random blobs on a blank background: enough structure for the NTK and non-constant crops. */
    static ImageSet textures(int count, int size) {
        Random random = new Random(5);
        byte[] pixels = new byte[count * size * size];
        for (int n = 0; n < count; n++) {
            int cy = random.nextInt(size);
            int cx = random.nextInt(size);
            double radius = 2 + random.nextInt(size / 2);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double d = Math.hypot(y - cy, x - cx);
                    int v = d < radius ? 80 + random.nextInt(176) : 0;
                    pixels[n * size * size + y * size + x] = (byte) v;
                }
            }
        }
        return new ImageSet(pixels, new int[count], 1, size);
    }
}
