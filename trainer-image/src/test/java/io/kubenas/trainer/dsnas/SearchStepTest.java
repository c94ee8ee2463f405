package io.kubenas.trainer.dsnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.kubenas.api.v1alpha1.LearningRateSchedule;
import io.kubenas.trainer.searchspace.ChoiceUnit;
import io.kubenas.trainer.searchspace.Supernet;
import io.kubenas.trainer.searchspace.TestSpaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchStepTest extends WithTwoLayerBatch {

    SearchStepTest() {
        super(5, 8);
    }

    static DsnasSettings settings(long seed) {
        return new DsnasSettings(seed, 0.1, new WeightLearningRate(0.05, 2, 40, LearningRateSchedule.COSINE), 0.9, 4e-5,
                0.05, 0.5, 0.999, 0, 0.3);
    }

    @Test
    void unsampledCandidatesKeepWeightsMomentumAndBatchNormStatistics() {
        Supernet net = Supernet.create(space, manager);
        boolean sawUntouchedBufferKept = false;
        try (SearchStep step = new SearchStep(net, ArchitectureParameters.initial(space, 3), settings(3), manager)) {
            for (int s = 0; s < 12; s++) {
                Map<Parameter, float[]> values = snapshot(net, p -> p.getArray());
                Map<Parameter, float[]> buffers = snapshot(net, p -> step.weightOptimizer().buffer(p));
                int[] path = step.step(images, labels).path();
                for (int layer = 0; layer < net.layerCount(); layer++) {
                    for (int c = 0; c < net.layer(layer).candidateCount(); c++) {
                        ChoiceUnit unit = net.layer(layer).unit(c);
                        for (Parameter p : unit.parameterList()) {
                            float[] after = p.getArray().toFloatArray();
                            if (c == path[layer]) {
                                // Weights always move (weight decay at least); some β get an exact zero gradient
                                // (a BatchNorm shift followed by a 1x1 conv and another BatchNorm cancels out).
                                if (p.getType() == Parameter.Type.WEIGHT || p.getType() == Parameter.Type.RUNNING_MEAN) {
                                    assertThat(after).as("sampled %s %s moves", unit.candidate(), p.getName()).isNotEqualTo(values.get(p));
                                }
                                continue;
                            }
                            assertThat(after).as("unsampled %s %s (%s) stays", unit.candidate(), p.getName(), p.getType()).isEqualTo(values.get(p));
                            try (NDArray buffer = step.weightOptimizer().buffer(p)) {
                                if (buffer != null) {
                                    assertThat(buffer.toFloatArray()).as("momentum of unsampled %s", p.getName()).isEqualTo(buffers.get(p));
                                    sawUntouchedBufferKept = true;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(sawUntouchedBufferKept).as("some unsampled candidate had momentum from an earlier step").isTrue();
    }

    @Test
    void weightDecayIsNotAppliedToBatchNormAndSgdFollowsPyTorch() {
        Supernet net = Supernet.create(space, manager);
        int[] path = {1, 2};
        double wd = 0.1;
        double momentum = 0.9;
        try (SearchStep probe = new SearchStep(net, ArchitectureParameters.initial(space, 1), settings(1), manager);
                MomentumSgd sgd = new MomentumSgd(net, manager, momentum, wd)) {
            List<Parameter> params = new ArrayList<>(net.parametersOnPath(path));
            params.removeIf(p -> !p.requiresGradient());
            Map<Parameter, double[]> w0 = new IdentityHashMap<>();
            Map<Parameter, double[]> g1 = new IdentityHashMap<>();
            probe.lossAndCredit(images, labels, path);
            for (Parameter p : params) {
                w0.put(p, doubles(p.getArray()));
                g1.put(p, doubles(p.getArray().getGradient()));
            }
            sgd.update(params, 0.5);
            Map<Parameter, double[]> w1 = new IdentityHashMap<>();
            Map<Parameter, double[]> g2 = new IdentityHashMap<>();
            probe.lossAndCredit(images, labels, path);
            for (Parameter p : params) {
                w1.put(p, doubles(p.getArray()));
                g2.put(p, doubles(p.getArray().getGradient()));
            }
            sgd.update(params, 0.25);

            boolean checkedBatchNorm = false;
            boolean checkedWeight = false;
            for (Parameter p : params) {
                double decay = p.getType() == Parameter.Type.WEIGHT ? wd : 0.0;
                checkedBatchNorm |= p.getType() == Parameter.Type.GAMMA;
                checkedWeight |= decay > 0;
                float[] actual = p.getArray().toFloatArray();
                double[] a = w0.get(p);
                double[] b = w1.get(p);
                for (int k = 0; k < actual.length; k++) {
                    // PyTorch: d = g + wd·w; buf = d (first), then buf = m·buf + d; w -= lr·buf.
                    double buf1 = g1.get(p)[k] + decay * a[k];
                    assertThat(b[k]).as("%s[%d] after step 1", p.getName(), k).isCloseTo(a[k] - 0.5 * buf1, within(1e-5));
                    double buf2 = momentum * buf1 + g2.get(p)[k] + decay * b[k];
                    assertThat((double) actual[k]).as("%s[%d] after step 2", p.getName(), k).isCloseTo(b[k] - 0.25 * buf2, within(1e-5));
                }
                assertThat(doubles(p.getArray().getGradient())).as("gradient zeroed after the update").containsOnly(0.0);
            }
            assertThat(checkedBatchNorm).isTrue();
            assertThat(checkedWeight).isTrue();
        }
    }

    @Test
    void sameSeedGivesIdenticalArchitectureAndLossesOnCpu() {
        Run a = run(17, 15);
        Run b = run(17, 15);
        Run c = run(18, 15);
        assertThat(b.losses).containsExactly(a.losses);
        assertThat(b.logits).isDeepEqualTo(a.logits);
        assertThat(b.paths).isDeepEqualTo(a.paths);
        assertThat(c.losses).isNotEqualTo(a.losses);
    }

    private record Run(double[] losses, double[][] logits, int[][] paths) {
    }

    private Run run(long seed, int steps) {
        TestSpaces.engine(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(space, m);
            ArchitectureParameters alpha = ArchitectureParameters.initial(space, seed);
            double[] losses = new double[steps];
            int[][] paths = new int[steps][];
            try (SearchStep step = new SearchStep(net, alpha, settings(seed), m)) {
                for (int s = 0; s < steps; s++) {
                    SearchStep.StepResult r = step.step(images, labels);
                    losses[s] = r.loss();
                    paths[s] = r.path();
                }
            }
            return new Run(losses, alpha.logits(), paths);
        }
    }

    @Test
    void resumingFromSavedStateEndsWhereAnUninterruptedRunEnds(@TempDir Path dir) throws Exception {
        Run uninterrupted = run(23, 12);

        TestSpaces.engine(23);
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(space, m);
            try (SearchStep first = new SearchStep(net, ArchitectureParameters.initial(space, 23), settings(23), m)) {
                for (int s = 0; s < 7; s++) {
                    first.step(images, labels);
                }
                SearchState.write(first, dir);
            }
        }
        // A fresh process would build a differently initialised supernet: use another seed to prove it.
        TestSpaces.engine(99);
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(space, m);
            ArchitectureParameters alpha = ArchitectureParameters.initial(space, 99);
            double[] losses = new double[5];
            try (SearchStep resumed = new SearchStep(net, alpha, settings(23), m)) {
                SearchState.read(resumed, dir);
                assertThat(resumed.stepCount()).isEqualTo(7);
                for (int s = 0; s < 5; s++) {
                    losses[s] = resumed.step(images, labels).loss();
                }
            }
            assertThat(losses).containsExactly(java.util.Arrays.copyOfRange(uninterrupted.losses, 7, 12));
            assertThat(alpha.logits()).isDeepEqualTo(uninterrupted.logits);
        }
    }

    @Test
    void architectureIsNotUpdatedDuringWarmupOrWhileFrozen() {
        Supernet net = Supernet.create(space, manager);
        ArchitectureParameters alpha = ArchitectureParameters.initial(space, 1);
        double[][] initial = alpha.logits();
        try (SearchStep step = new SearchStep(net, alpha, settings(1).withArchitectureWarmupSteps(3), manager)) {
            for (int s = 0; s < 3; s++) {
                assertThat(step.step(images, labels).architectureUpdated()).isFalse();
            }
            assertThat(alpha.logits()).isDeepEqualTo(initial);
            step.setArchitectureFrozen(true);
            step.step(images, labels);
            assertThat(alpha.logits()).isDeepEqualTo(initial);
            step.setArchitectureFrozen(false);
            assertThat(step.step(images, labels).architectureUpdated()).isTrue();
            assertThat(alpha.logits()).isNotEqualTo(initial);
            assertThat(step.architectureOptimizer().steps()).isEqualTo(1);
        }
    }

    @Test
    void stepsDoNotAccumulateArraysInTheManager() {
        Supernet net = Supernet.create(space, manager);
        try (SearchStep step = new SearchStep(net, ArchitectureParameters.initial(space, 1), settings(1), manager)) {
            for (int s = 0; s < 40; s++) { // every candidate sampled: all momentum buffers exist
                step.step(images, labels);
            }
            int buffers = step.weightOptimizer().bufferCount();
            int arrays = manager.getManagedArrays().size();
            for (int s = 0; s < 40; s++) {
                step.step(images, labels);
            }
            assertThat(step.weightOptimizer().bufferCount()).isEqualTo(buffers);
            assertThat(manager.getManagedArrays()).hasSize(arrays);
        }
    }

    private static Map<Parameter, float[]> snapshot(Supernet net, java.util.function.Function<Parameter, NDArray> f) {
        Map<Parameter, float[]> out = new HashMap<>();
        for (Parameter p : net.getParameters().values()) {
            NDArray a = f.apply(p);
            if (a != null) {
                out.put(p, a.toFloatArray());
            }
            if (a != null && a != p.getArray()) {
                a.close();
            }
        }
        return out;
    }

    private static double[] doubles(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
