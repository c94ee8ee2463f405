package io.kubenas.trainer.searchspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.space.SearchSpaceResolver;
import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.api.v1alpha1.SearchSpacePreset;
import io.kubenas.api.v1alpha1.SearchSpaceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupernetTest extends WithEngine {
    SupernetTest() {
        super(7);
    }

    @Test
    void tinySupernetMapsImagesToClassLogitsWithTheSizeAlgorithmsMdGives() {
        ResolvedSearchSpace space = TestSpaces.tiny();
        Supernet net = Supernet.create(space, manager);
        net.setPath(new int[] {0, 1, 2, 3, 3, 2, 1, 0});
        NDArray logits = net.logits(new ParameterStore(manager, false), TestSpaces.images(manager, space, 4, DataType.FLOAT32), null, true);

        assertThat(logits.getShape()).isEqualTo(new Shape(4, 10));
        // docs/algorithms.md §1.2: ≈ 93k supernet weights, children 25k-35k.
        assertThat(net.parameterCount()).isBetween(85_000L, 100_000L);
        assertThat(NetworkCost.ofSupernet(space).parameters()).isEqualTo(net.parameterCount());
        long smallest = NetworkCost.ofPath(space, new int[8]).parameters();
        long largest = NetworkCost.ofPath(space, new int[] {3, 3, 3, 3, 3, 3, 3, 3}).parameters();
        assertThat(smallest).isBetween(20_000L, 40_000L);
        assertThat(largest).isBetween(20_000L, 40_000L);
    }

    @Test
    void candidateFlopsMatchTheDsnasReferenceTable() {
        ResolvedSearchSpace imagenet = SearchSpaceResolver.resolve(SearchSpaceSpec.builder().preset(SearchSpacePreset.SHUFFLENET_IMAGENET).build(),
                new InputShape(3, 224, 1000));
        double[][] flops = NetworkCost.candidateFlops(imagenet);
        // Rows 0, 1 and 4 of the FLOPs table in the DSNAS code (network.py), in candidate order
        // shuffle3x3, shuffle5x5, shuffle7x7, xception.
        assertThat(flops[0]).containsExactly(13396992., 15805440., 19418112., 13146112.);
        assertThat(flops[1]).containsExactly(7325696., 8931328., 11339776., 12343296.);
        assertThat(flops[4]).containsExactly(26304768., 28111104., 30820608., 20296192.);
        assertThat(flops[19]).containsExactly(10176320., 10427200., 10803520., 15476160.);
    }

    @Test
    void parameterCountOfEachCandidateMatchesTheBuiltUnit() {
        ResolvedSearchSpace space = TestSpaces.twoLayers();
        Supernet net = Supernet.create(space, manager);
        for (ChoiceLayer layer : net.layers()) {
            for (ChoiceUnit unit : layer.units()) {
                assertThat(Supernet.countTrainable(unit.parameterList()))
                        .as("%s on layer %d", unit.candidate(), layer.layer().index())
                        .isEqualTo(NetworkCost.candidate(unit.candidate(), layer.layer()).parameters());
            }
        }
    }

    @Test
    void strideOneUnitPassesEvenChannelsThroughUnchanged() {
        ResolvedLayer layer = new ResolvedLayer(0, 8, 8, 1, 6, List.of(Candidate.SHUFFLE_5X5));
        ChoiceUnit unit = new ChoiceUnit(Candidate.SHUFFLE_5X5, layer, new ReluTap());
        unit.initialize(manager, DataType.FLOAT32, new Shape(2, 8, 6, 6));
        NDArray x = manager.randomNormal(new Shape(2, 8, 6, 6));

        NDArray out = unit.apply(new ParameterStore(manager, false), x, true);

        assertThat(out.getShape()).isEqualTo(new Shape(2, 8, 6, 6));
        NDArray even = x.get(":, 0::2");
        assertThat(out.get(":, 0:4").toFloatArray()).containsExactly(even.toFloatArray());
    }

    @Test
    void strideTwoUnitHalvesTheSizeAndReachesTheOutputChannels() {
        ResolvedLayer layer = new ResolvedLayer(0, 8, 24, 2, 7, List.of(Candidate.XCEPTION));
        ChoiceUnit unit = new ChoiceUnit(Candidate.XCEPTION, layer, new ReluTap());
        unit.initialize(manager, DataType.FLOAT32, new Shape(2, 8, 7, 7));

        NDArray out = unit.apply(new ParameterStore(manager, false), manager.randomNormal(new Shape(2, 8, 7, 7)), true);

        assertThat(out.getShape()).isEqualTo(new Shape(2, 24, 4, 4));
    }

    @Test
    void initialisationIsPyTorchsDefault() {
        Supernet net = Supernet.create(TestSpaces.tiny(), manager);
        for (Pair<String, Parameter> p : net.getParameters()) {
            Parameter param = p.getValue();
            NDArray a = param.getArray();
            switch (param.getType()) {
                case GAMMA -> assertThat(a.toFloatArray()).as(p.getKey()).containsOnly(1f);
                case BETA -> assertThat(a.toFloatArray()).as(p.getKey()).containsOnly(0f);
                default -> {
                }
            }
        }
        // Uniform in ±1/√fan-in (std = bound/√3), on tensors big enough to measure: the tail 1x1 (fan-in 64), a
        // depthwise 7x7 kernel (fan-in 49: a depthwise kernel's fan-in is its area), the stem (1 channel x 3x3)
        // and the classifier (fan-in 128).
        List<Parameter> tail = net.tailAndClassifierParameters();
        NDArray depthwise7x7 = net.layer(7).unit(2).parameterList().stream().map(Parameter::getArray)
                .filter(a -> a.getShape().equals(new Shape(32, 1, 7, 7))).findFirst().orElseThrow();
        assertUniformWithFanIn(tail.get(0).getArray(), 64, 0.1);
        assertUniformWithFanIn(depthwise7x7, 49, 0.1);
        assertUniformWithFanIn(net.stemParameters().get(0).getArray(), 9, 0.2);
        assertUniformWithFanIn(tail.get(tail.size() - 1).getArray(), 128, 0.1);
    }

    private static void assertUniformWithFanIn(NDArray weights, int fanIn, double relativeTolerance) {
        double bound = 1 / Math.sqrt(fanIn);
        assertThat(weights.abs().max().getFloat()).as("max |w| of %s", weights.getShape()).isLessThanOrEqualTo((float) bound);
        assertThat(std(weights)).as("std of %s", weights.getShape())
                .isCloseTo(bound / Math.sqrt(3), within(relativeTolerance * bound / Math.sqrt(3)));
    }

    @Test
    void meanOfActiveOutputsTheMeanOfTheActiveCandidates() {
        ResolvedSearchSpace space = TestSpaces.twoLayers();
        Supernet net = Supernet.create(space, manager);
        ParameterStore store = new ParameterStore(manager, false);
        NDArray x = TestSpaces.images(manager, space, 2, DataType.FLOAT32);
        // A single active candidate per layer is that path.
        net.setMeanOfActive(new boolean[][] {{false, true, false, false}, {false, false, false, true}});
        NDArray single = net.logits(store, x, null, false);
        net.setPath(new int[] {1, 3});
        assertThat(net.logits(store, x, null, false).toFloatArray()).containsExactly(single.toFloatArray());

        // Two active candidates on the last layer: the mean of the two paths' pre-tail activations, so check
        // the layer itself.
        ChoiceLayer last = net.layer(1);
        NDArray h = manager.randomNormal(new Shape(2, 16, 4, 4));
        NDArray mean = last.applyMean(store, h, false, new boolean[] {true, false, true, false});
        NDArray expected = last.unit(0).apply(store, h, false).add(last.unit(2).apply(store, h, false)).div(2);
        assertThat(mean.sub(expected).abs().max().getFloat()).isLessThan(1e-6f);
    }

    @Test
    void childOutputEqualsSupernetOutputOnTheArgmaxPathInEvalMode() {
        ResolvedSearchSpace space = TestSpaces.tiny();
        Supernet net = Supernet.create(space, manager);
        ParameterStore store = new ParameterStore(manager, false);
        // Move the BatchNorm statistics of a few paths away from their initial values first, so the test
        // also shows the child inherits them.
        for (int[] path : new int[][] {{0, 1, 2, 3, 0, 1, 2, 3}, {3, 2, 1, 0, 3, 2, 1, 0}}) {
            net.setPath(path);
            net.logits(store, TestSpaces.images(manager, space, 16, DataType.FLOAT32), null, true);
        }
        int[] argmax = {3, 2, 1, 0, 3, 2, 1, 0};
        NDArray x = TestSpaces.images(manager, space, 8, DataType.FLOAT32);
        net.setPath(argmax);
        float[] supernetOut = net.logits(store, x, null, false).toFloatArray();

        ChildNetwork child = ChildNetwork.inherit(net, argmax, manager);
        float[] childOut = child.network().logits(new ParameterStore(manager, false), x, null, false).toFloatArray();

        assertThat(childOut).containsExactly(supernetOut);
        assertThat(child.ops()).containsExactly(Candidate.XCEPTION, Candidate.SHUFFLE_7X7, Candidate.SHUFFLE_5X5, Candidate.SHUFFLE_3X3,
                Candidate.XCEPTION, Candidate.SHUFFLE_7X7, Candidate.SHUFFLE_5X5, Candidate.SHUFFLE_3X3);
        assertThat(child.parameterCount()).isLessThan(net.parameterCount())
                .isEqualTo(NetworkCost.ofPath(space, argmax).parameters());
    }

    @Test
    void exportedChildReloadsIntoAFreshNetworkWithTheSameOutput() throws Exception {
        ResolvedSearchSpace space = TestSpaces.twoLayers();
        Supernet net = Supernet.create(space, manager);
        ChildNetwork child = ChildNetwork.inherit(net, new int[] {2, 1}, manager);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        child.network().saveParameters(new java.io.DataOutputStream(bytes));

        ChildNetwork loaded = ChildNetwork.allocate(child.space(), manager);
        loaded.network().loadParameters(manager, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));

        NDArray x = TestSpaces.images(manager, space, 3, DataType.FLOAT32);
        ParameterStore store = new ParameterStore(manager, false);
        assertThat(loaded.network().forward(store, new NDList(x), false).head().toFloatArray())
                .containsExactly(child.network().forward(store, new NDList(x), false).head().toFloatArray());
    }

    @Test
    void resettingChildBatchNormStatisticsRestoresMeanZeroVarianceOne() {
        ResolvedSearchSpace space = TestSpaces.twoLayers();
        Supernet net = Supernet.create(space, manager);
        net.setPath(new int[] {0, 0});
        net.logits(new ParameterStore(manager, false), TestSpaces.images(manager, space, 4, DataType.FLOAT32), null, true);
        ChildNetwork child = ChildNetwork.inherit(net, new int[] {0, 0}, manager);

        child.resetBatchNormStatistics();

        for (Parameter p : child.network().getParameters().values()) {
            if (p.getType() == Parameter.Type.RUNNING_MEAN) {
                assertThat(p.getArray().toFloatArray()).containsOnly(0f);
            } else if (p.getType() == Parameter.Type.RUNNING_VAR) {
                assertThat(p.getArray().toFloatArray()).containsOnly(1f);
            }
        }
    }

    private static double std(NDArray a) {
        float[] v = a.toFloatArray();
        double mean = 0;
        for (float f : v) {
            mean += f;
        }
        mean /= v.length;
        double var = 0;
        for (float f : v) {
            var += (f - mean) * (f - mean);
        }
        return Math.sqrt(var / v.length);
    }
}
