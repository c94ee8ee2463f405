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
import io.kubenas.trainer.dsnas.MomentumSgd;
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
            assertMatchesShardedReference(net, pass, images, labels, replicas);
            // The replicas must follow the network's weights as they change between steps.
            for (Parameter p : net.parametersOnPath(PATH)) {
                if (p.requiresGradient()) {
                    p.getArray().addi(0.05f);
                }
            }
            assertMatchesShardedReference(net, pass, images, labels, replicas);
        }
    }

    @Test
    void aBatchSmallerThanTheReplicasRunsOneImagePerShard() {
        Supernet net = Supernet.create(space, manager);
        NDArray images = TestSpaces.images(manager, space, 2, DataType.FLOAT32);
        NDArray labels = TestSpaces.labels(manager, space, 2);
        try (GradientPass pass = GradientPass.on(net, manager, Collections.nCopies(3, Device.cpu()), LOSS)) {
            assertMatchesShardedReference(net, pass, images, labels, 2);
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
     * statistics), then the pass on the whole batch, and compares loss, credit, every gradient on the
     * path and the running statistics.
     */
    private void assertMatchesShardedReference(Supernet net, GradientPass pass, NDArray images, NDArray labels, int shards) {
        List<Parameter> onPath = net.parametersOnPath(PATH);
        List<NDArray> start = snapshot(onPath);
        long batch = images.getShape().get(0);
        double loss = 0;
        double[] credit = new double[PATH.length];
        List<NDArray> statistics = new ArrayList<>();
        MomentumSgd.discardGradients(onPath);
        for (int s = 0; s < shards; s++) {
            long from = batch * s / shards;
            long to = batch * (s + 1) / shards;
            double weight = (double) (to - from) / batch;
            restoreRunningStatistics(onPath, start);
            try (GradientPass one = GradientPass.on(net, manager, List.of(Device.cpu()),
                    (logits, y) -> LOSS.loss(logits, y).mul(weight));
                    NDArray x = images.get(new NDIndex("{}:{}", from, to));
                    NDArray y = labels.get(new NDIndex("{}:{}", from, to))) {
                PathResult r = one.run(x, y, PATH, true);
                loss += r.loss();
                for (int i = 0; i < credit.length; i++) {
                    credit[i] += r.credit()[i];
                }
            }
            statistics.add(runningStatistics(onPath));
        }
        List<float[]> expectedGradients = gradients(onPath);
        float[] expectedStatistics = statistics.get(0).duplicate().toFloatArray();
        for (int s = 1; s < shards; s++) {
            float[] more = statistics.get(s).toFloatArray();
            for (int i = 0; i < expectedStatistics.length; i++) {
                expectedStatistics[i] += more[i];
            }
        }
        for (int i = 0; i < expectedStatistics.length; i++) {
            expectedStatistics[i] /= shards;
        }

        MomentumSgd.discardGradients(onPath);
        restoreRunningStatistics(onPath, start);
        PathResult parallel = pass.run(images, labels, PATH, true);

        assertThat(parallel.loss()).isCloseTo(loss, within(1e-6));
        for (int i = 0; i < credit.length; i++) {
            assertThat(parallel.credit()[i]).as("credit of layer %d", i).isCloseTo(credit[i], within(1e-6 + 1e-5 * Math.abs(credit[i])));
        }
        List<float[]> actual = gradients(onPath);
        for (int p = 0; p < actual.size(); p++) {
            float[] e = expectedGradients.get(p);
            float[] a = actual.get(p);
            for (int i = 0; i < e.length; i++) {
                assertThat(a[i]).as("gradient %d[%d]", p, i).isCloseTo(e[i], within(1e-6f + 1e-4f * Math.abs(e[i])));
            }
        }
        float[] averaged = runningStatistics(onPath).toFloatArray();
        for (int i = 0; i < averaged.length; i++) {
            assertThat(averaged[i]).as("running statistic %d", i).isCloseTo(expectedStatistics[i], within(1e-6f + 1e-5f * Math.abs(expectedStatistics[i])));
        }
        MomentumSgd.discardGradients(onPath);
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

    private NDArray runningStatistics(List<Parameter> parameters) {
        List<Float> all = new ArrayList<>();
        for (Parameter p : parameters) {
            if (isRunningStatistic(p)) {
                for (float v : p.getArray().toFloatArray()) {
                    all.add(v);
                }
            }
        }
        float[] values = new float[all.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = all.get(i);
        }
        return manager.create(values);
    }

    private static boolean isRunningStatistic(Parameter p) {
        return p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
    }

    private static List<float[]> gradients(List<Parameter> parameters) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                try (NDArray g = p.getArray().getGradient()) {
                    out.add(g.toFloatArray());
                }
            }
        }
        return out;
    }
}
