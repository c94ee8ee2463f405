package io.kubenas.trainer.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.trainer.dsnas.LabelSmoothedCrossEntropy;
import io.kubenas.trainer.searchspace.Supernet;
import io.kubenas.trainer.searchspace.TestSpaces;
import io.kubenas.trainer.searchspace.WithEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data parallel on CPU replicas (the code path multi-GPU pods take): a batch split over k replicas must
 * leave on the network exactly the gradient of the weighted shard losses, as if each shard had been run
 * on the network itself, with BatchNorm normalising per shard.
 */
class DataParallelPassTest extends WithEngine {
    private static final int[] PATH = {1, 3};
    private static final LossFunction LOSS = (logits, labels) -> LabelSmoothedCrossEntropy.loss(logits, labels, 0.1);
    private final ResolvedSearchSpace space = TestSpaces.twoLayers();

    DataParallelPassTest() {
        super(11);
    }

    @ParameterizedTest(name = "{0} replicas")
    @ValueSource(ints = {2, 3})
    void gradientCreditAndLossAreTheShardsWeightedByTheirShareOfTheBatch(int replicas) {
        Supernet net = Supernet.create(space, manager);
        NDArray images = TestSpaces.images(manager, space, 7, DataType.FLOAT32);
        NDArray labels = TestSpaces.labels(manager, space, 7);
        try (GradientPass pass = GradientPass.on(net, manager, Collections.nCopies(replicas, Device.cpu()), LOSS)) {
            assertThat(pass).isInstanceOf(DataParallelPass.class);
            assertThat(pass.shards(7)).isEqualTo(replicas);
            assertMatchesShardedReference(net, pass, images, labels, Collections.nCopies(replicas, PATH));
            // The replicas must follow the network's weights as they change between steps.
            for (Parameter p : net.parametersOnPath(PATH)) {
                if (p.requiresGradient()) {
                    p.getArray().addi(0.05f);
                }
            }
            assertMatchesShardedReference(net, pass, images, labels, Collections.nCopies(replicas, PATH));
        }
    }

    /**
     * DSNAS samples a path per device: a candidate on one shard's path only gets that shard's gradient and
     * running statistics, one on several paths the sum and the mean — including candidates the network's
     * own shard never ran (their gradient tensor does not exist before).
     */
    @Test
    void shardsOnDifferentPathsSumWhereTheirPathsOverlap() {
        Supernet net = Supernet.create(space, manager);
        NDArray images = TestSpaces.images(manager, space, 9, DataType.FLOAT32);
        NDArray labels = TestSpaces.labels(manager, space, 9);
        try (GradientPass pass = GradientPass.on(net, manager, Collections.nCopies(3, Device.cpu()), LOSS)) {
            assertMatchesShardedReference(net, pass, images, labels, List.of(new int[] {0, 1}, new int[] {2, 1}, new int[] {0, 3}));
            assertMatchesShardedReference(net, pass, images, labels, List.of(new int[] {3, 2}, new int[] {3, 0}, new int[] {1, 2}));
        }
    }

    @Test
    void aBatchSmallerThanTheReplicasRunsOneImagePerShard() {
        Supernet net = Supernet.create(space, manager);
        NDArray images = TestSpaces.images(manager, space, 2, DataType.FLOAT32);
        NDArray labels = TestSpaces.labels(manager, space, 2);
        try (GradientPass pass = GradientPass.on(net, manager, Collections.nCopies(3, Device.cpu()), LOSS)) {
            assertThat(pass.shards(2)).isEqualTo(2);
            assertMatchesShardedReference(net, pass, images, labels, List.of(PATH, PATH));
        }
    }

    @Test
    void theFirstDeviceMustBeTheNetworksOwn() {
        Supernet net = Supernet.create(space, manager);
        assertThatThrownBy(() -> GradientPass.on(net, manager, List.of(Device.gpu(0), Device.cpu()), LOSS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first device must be the network's own");
    }

    /**
     * Runs the reference (each shard on the network itself, one device, from the same weights and running
     * statistics), then the pass on the whole batch, and compares losses, credits, every gradient and the
     * running statistics (each the mean over the shards whose path used it).
     */
    private void assertMatchesShardedReference(Supernet net, GradientPass pass, NDArray images, NDArray labels, List<int[]> paths) {
        List<Parameter> all = new ArrayList<>(net.getParameters().values());
        List<NDArray> start = snapshot(all);
        long batch = images.getShape().get(0);
        int shards = paths.size();
        // The pass first, on a fresh network: candidates only other shards ran have no gradient tensor yet.
        Gradients.discard(all);
        List<ShardResult> parallel = pass.run(images, labels, paths, true);
        List<float[]> actual = gradients(all);
        List<float[]> statistics = new ArrayList<>();
        for (Parameter p : all) {
            statistics.add(p.getArray().toFloatArray());
        }

        List<ShardResult> expected = new ArrayList<>();
        float[][] statisticSums = new float[all.size()][];
        int[] statisticUsers = new int[all.size()];
        Gradients.discard(all);
        for (int s = 0; s < shards; s++) {
            long from = batch * s / shards;
            long to = batch * (s + 1) / shards;
            double share = (double) (to - from) / batch;
            restoreRunningStatistics(all, start);
            try (GradientPass one = GradientPass.on(net, manager, List.of(Device.cpu()), (logits, y) -> LOSS.loss(logits, y).mul(share));
                    NDArray x = images.get(new NDIndex("{}:{}", from, to));
                    NDArray y = labels.get(new NDIndex("{}:{}", from, to))) {
                expected.add(one.run(x, y, List.of(paths.get(s)), true).get(0));
            }
            List<Parameter> onPath = net.parametersOnPath(paths.get(s));
            for (int i = 0; i < all.size(); i++) {
                if (isRunningStatistic(all.get(i)) && onPath.contains(all.get(i))) {
                    float[] v = all.get(i).getArray().toFloatArray();
                    statisticSums[i] = statisticSums[i] == null ? v : add(statisticSums[i], v);
                    statisticUsers[i]++;
                }
            }
        }
        List<float[]> expectedGradients = gradients(all);
        restoreRunningStatistics(all, start);

        assertThat(parallel).hasSize(shards);
        for (int s = 0; s < shards; s++) {
            ShardResult e = expected.get(s);
            ShardResult a = parallel.get(s);
            assertThat(a.path()).isEqualTo(paths.get(s));
            assertThat(a.loss()).as("loss of shard %d", s).isCloseTo(e.loss(), within(1e-6));
            for (int i = 0; i < e.credit().length; i++) {
                assertThat(a.credit()[i]).as("credit of shard %d, layer %d", s, i)
                        .isCloseTo(e.credit()[i], within(1e-6 + 1e-5 * Math.abs(e.credit()[i])));
            }
        }
        for (int p = 0; p < actual.size(); p++) {
            float[] e = expectedGradients.get(p);
            float[] a = actual.get(p);
            for (int i = 0; i < e.length; i++) {
                assertThat(a[i]).as("gradient %d[%d]", p, i).isCloseTo(e[i], within(1e-6f + 1e-4f * Math.abs(e[i])));
            }
        }
        for (int i = 0; i < all.size(); i++) {
            if (!isRunningStatistic(all.get(i))) {
                continue;
            }
            float[] value = statistics.get(i);
            float[] want = statisticUsers[i] == 0 ? start.get(i).toFloatArray() : scale(statisticSums[i], 1f / statisticUsers[i]);
            for (int k = 0; k < value.length; k++) {
                assertThat(value[k]).as("running statistic %s[%d]", all.get(i).getName(), k).isCloseTo(want[k], within(1e-6f + 1e-5f * Math.abs(want[k])));
            }
        }
        Gradients.discard(all);
    }

    private static float[] add(float[] a, float[] b) {
        float[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    private static float[] scale(float[] a, float factor) {
        float[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }

    private List<NDArray> snapshot(List<Parameter> parameters) {
        List<NDArray> copies = new ArrayList<>();
        for (Parameter p : parameters) {
            copies.add(p.getArray().duplicate());
        }
        return copies;
    }

    private static void restoreRunningStatistics(List<Parameter> parameters, List<NDArray> values) {
        for (int i = 0; i < parameters.size(); i++) {
            if (isRunningStatistic(parameters.get(i))) {
                values.get(i).copyTo(parameters.get(i).getArray());
            }
        }
    }

    private static boolean isRunningStatistic(Parameter p) {
        return p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
    }

    private static List<float[]> gradients(List<Parameter> parameters) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                try (NDArray g = p.getArray().getGradient()) {
                    out.add(g.toFloatArray()); // zeros when no backward has reached it yet
                }
            }
        }
        return out;
    }
}
