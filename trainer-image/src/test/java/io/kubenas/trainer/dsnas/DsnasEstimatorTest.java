package io.kubenas.trainer.dsnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.trainer.random.SplitMix64;
import io.kubenas.trainer.searchspace.Supernet;
import io.kubenas.trainer.searchspace.TestSpaces;
import io.kubenas.trainer.searchspace.WithEngine;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The DSNAS estimator against its definition on a 2-layer space with 4 candidates per layer (16 paths),
 * where everything can be enumerated.
 */
class DsnasEstimatorTest extends WithEngine {
    private static final int[][] ALL_PATHS = allPaths();
    private static final double[][] SKEWED_LOGITS = {{0.5, -0.3, 1.2, 0.0}, {-0.7, 0.4, 0.1, 0.9}};

    private final ResolvedSearchSpace space = TestSpaces.twoLayers();

    DsnasEstimatorTest() {
        super(11);
    }

    @Test
    void architectureGradientMatchesDefinitionOnTwoLayerSpace() {
        creditIsTheDerivativeOfTheLossWithRespectToTheGate(DataType.FLOAT64, 1e-5, 1e-8, 1e-6);
        // float32 holds the credit to about 1e-3 only: it is a sum over the layer's output whose terms nearly cancel
        // (the next BatchNorm takes the gate's scale back out), and the finite difference loses as much to rounding;
        // float64 above holds the estimator itself to 1e-8.
        creditIsTheDerivativeOfTheLossWithRespectToTheGate(DataType.FLOAT32, 1e-2, 1e-3, 2e-2);
        sampledEstimatesAverageToTheEstimatorsExactExpectation();
        estimatorIsUnbiasedWhenTheLossIsLinearInEachGate();
    }

    /** (a) ∂L/∂Z_i from autograd equals a central finite difference of L in the scalar Z_i. */
    private void creditIsTheDerivativeOfTheLossWithRespectToTheGate(DataType type, double h, double absTol, double relTol) {
        Supernet net = Supernet.create(space, manager, type);
        NDArray x = TestSpaces.images(manager, space, 8, type);
        NDArray y = TestSpaces.labels(manager, space, 8);
        try (SearchStep step = new SearchStep(net, ArchitectureParameters.initial(space, 1), StepTimingBenchmark.settings(), manager)) {
            trainAwayFromInitialisation(step, x, y);
            double largest = 0;
            for (int[] path : new int[][] {{0, 0}, {1, 3}, {3, 2}, {2, 1}}) {
                double[] credit = step.probe(x, y, path).credit();
                for (int layer = 0; layer < 2; layer++) {
                    double up = lossWithGate(net, step.parameterStore(), x, y, path, layer, 1 + h, type);
                    double down = lossWithGate(net, step.parameterStore(), x, y, path, layer, 1 - h, type);
                    double finiteDifference = (up - down) / (2 * h);
                    assertThat(credit[layer])
                            .as("%s: ∂L/∂Z on layer %d of path (%d, %d)", type, layer, path[0], path[1])
                            .isCloseTo(finiteDifference, within(absTol + relTol * Math.abs(finiteDifference)));
                }
                largest = Math.max(largest, Math.max(Math.abs(credit[0]), Math.abs(credit[1])));
            }
            assertThat(largest).as("the credits are not trivially zero").isGreaterThan(1e-3);
        }
    }

    /**
     * At initialisation the logits are small and so is every gradient; a few real steps give the credits a size
     * worth comparing.
     */
    private static void trainAwayFromInitialisation(SearchStep step, NDArray x, NDArray y) {
        for (int i = 0; i < 20; i++) {
            step.step(x, y);
        }
    }

    private double lossWithGate(Supernet net, ParameterStore store, NDArray x, NDArray y, int[] path, int layer, double value, DataType type) {
        try (NDManager scope = manager.newSubManager()) {
            double[] z = {1, 1};
            z[layer] = value;
            NDArray gates = scope.create(z).toType(type, false);
            net.setPath(path);
            NDArray loss = LabelSmoothedCrossEntropy.loss(net.logits(store, x, gates, true), y, 0.1);
            return loss.toType(DataType.FLOAT64, false).getDouble();
        }
    }

    /**
     * (b) The exact expectation of the estimator, Σ over the 16 paths of p(path)·estimate(path), equals the
     * mean of many estimates on paths drawn by the real sampler, within what the sample variance allows.
     */
    private void sampledEstimatesAverageToTheEstimatorsExactExpectation() {
        Supernet net = Supernet.create(space, manager, DataType.FLOAT64);
        NDArray x = TestSpaces.images(manager, space, 8, DataType.FLOAT64);
        NDArray y = TestSpaces.labels(manager, space, 8);
        ArchitectureParameters alpha = ArchitectureParameters.of(SKEWED_LOGITS);
        double[][][] estimate = new double[16][][];
        try (SearchStep step = new SearchStep(net, alpha, StepTimingBenchmark.settings(), manager)) {
            trainAwayFromInitialisation(step, x, y);
            alpha.copyFrom(ArchitectureParameters.of(SKEWED_LOGITS));
            for (int k = 0; k < 16; k++) {
                // Training-mode BatchNorm on a fixed batch: each path's credit is a fixed number.
                double[] credit = step.probe(x, y, ALL_PATHS[k]).credit();
                estimate[k] = DsnasEstimator.architectureGradient(alpha, ALL_PATHS[k], credit);
            }
        }
        double[][] exact = expectation(alpha, k -> 1.0, estimate);

        int n = 40_000;
        SplitMix64 random = new SplitMix64(2024);
        double[][] sum = new double[2][4];
        double[][] sumSq = new double[2][4];
        int[] hits = new int[16];
        for (int draw = 0; draw < n; draw++) {
            int[] path = PathSampler.sample(alpha, random);
            int k = path[0] * 4 + path[1];
            hits[k]++;
            for (int i = 0; i < 2; i++) {
                for (int c = 0; c < 4; c++) {
                    sum[i][c] += estimate[k][i][c];
                    sumSq[i][c] += estimate[k][i][c] * estimate[k][i][c];
                }
            }
        }
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 4; c++) {
                double mean = sum[i][c] / n;
                double sd = Math.sqrt(Math.max(0, sumSq[i][c] / n - mean * mean) / n);
                assertThat(Math.abs(mean - exact[i][c])).as("layer %d candidate %d: |sampled mean − exact| vs 4.5 standard errors %g", i, c, sd)
                        .isLessThanOrEqualTo(4.5 * sd + 1e-12);
            }
        }
        for (int k = 0; k < 16; k++) {
            double p = pathProbability(alpha, ALL_PATHS[k]);
            assertThat((double) hits[k] / n).as("frequency of path %d", k).isCloseTo(p, within(4.5 * Math.sqrt(p * (1 - p) / n)));
        }
    }

    /**
     * (c) With a loss linear in each gate — two layers of candidate linear maps, x₂ = Z₂·(Z₁·(x₀W₁ₛ₁)W₂ₛ₂),
     * L = mean(x₂·v) — the estimator's exact expectation is exactly ∇α E_Z[L], obtained here by central
     * finite differences on α of E_Z[L] = Σ p(path)·L(path).
     */
    private void estimatorIsUnbiasedWhenTheLossIsLinearInEachGate() {
        NDArray x0 = manager.randomNormal(0f, 1f, new Shape(5, 6), DataType.FLOAT64);
        NDArray v = manager.randomNormal(0f, 1f, new Shape(6), DataType.FLOAT64);
        NDArray[][] w = new NDArray[2][4];
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 4; c++) {
                w[i][c] = manager.randomNormal(0f, 0.5f, new Shape(6, 6), DataType.FLOAT64);
            }
        }
        ArchitectureParameters alpha = ArchitectureParameters.of(SKEWED_LOGITS);
        double[] lossOfPath = new double[16];
        double[][][] estimate = new double[16][][];
        for (int k = 0; k < 16; k++) {
            int[] path = ALL_PATHS[k];
            try (NDManager scope = manager.newSubManager()) {
                NDArray gates = scope.ones(new Shape(2), DataType.FLOAT64);
                gates.setRequiresGradient(true);
                NDArray loss;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x1 = x0.matMul(w[0][path[0]]).mul(gates.get(0));
                    NDArray x2 = x1.matMul(w[1][path[1]]).mul(gates.get(1));
                    loss = x2.matMul(v).mean();
                    collector.backward(loss);
                }
                lossOfPath[k] = loss.getDouble();
                estimate[k] = DsnasEstimator.architectureGradient(alpha, path, gates.getGradient().toDoubleArray());
            }
        }
        double[][] estimatorExpectation = expectation(alpha, k -> 1.0, estimate);

        double h = 1e-6;
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 4; c++) {
                double[][] plus = ArchitectureParameters.of(SKEWED_LOGITS).logits();
                double[][] minus = ArchitectureParameters.of(SKEWED_LOGITS).logits();
                plus[i][c] += h;
                minus[i][c] -= h;
                double trueGradient = (expectedLoss(ArchitectureParameters.of(plus), lossOfPath)
                        - expectedLoss(ArchitectureParameters.of(minus), lossOfPath)) / (2 * h);
                assertThat(estimatorExpectation[i][c]).as("layer %d candidate %d: E[estimate] vs ∇α E[L]", i, c)
                        .isCloseTo(trueGradient, within(1e-7 + 1e-6 * Math.abs(trueGradient)));
            }
        }
        assertThat(maxAbs(estimatorExpectation)).as("the gradient is not trivially zero").isGreaterThan(1e-3);
    }

    private static double expectedLoss(ArchitectureParameters alpha, double[] lossOfPath) {
        double e = 0;
        for (int k = 0; k < 16; k++) {
            e += pathProbability(alpha, ALL_PATHS[k]) * lossOfPath[k];
        }
        return e;
    }

    /** Σ_k p(path k)·weight(k)·values[k]. */
    private static double[][] expectation(ArchitectureParameters alpha, ToDoubleFunction<Integer> weight, double[][][] values) {
        double[][] out = new double[2][4];
        for (int k = 0; k < 16; k++) {
            double p = pathProbability(alpha, ALL_PATHS[k]) * weight.applyAsDouble(k);
            for (int i = 0; i < 2; i++) {
                for (int c = 0; c < 4; c++) {
                    out[i][c] += p * values[k][i][c];
                }
            }
        }
        return out;
    }

    private static double pathProbability(ArchitectureParameters alpha, int[] path) {
        return alpha.probabilities(0)[path[0]] * alpha.probabilities(1)[path[1]];
    }

    private static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    private static int[][] allPaths() {
        int[][] paths = new int[16][];
        for (int k = 0; k < 16; k++) {
            paths[k] = new int[] {k / 4, k % 4};
        }
        return paths;
    }

    @Test
    void estimateIsCreditTimesOneHotMinusProbabilitiesAndZeroOnFixedLayers() {
        ArchitectureParameters alpha = ArchitectureParameters.of(SKEWED_LOGITS);
        alpha.fix(1, 3);
        double[][] g = DsnasEstimator.architectureGradient(alpha, new int[] {2, 3}, new double[] {0.5, 7.0});
        double[] p = alpha.probabilities(0);
        assertThat(g[0]).containsExactly(-0.5 * p[0], -0.5 * p[1], 0.5 * (1 - p[2]), -0.5 * p[3]);
        assertThat(g[1]).containsOnly(0.0);
    }

    @Test
    void gatesLeaveTheForwardUnchanged() {
        Supernet net = Supernet.create(space, manager);
        NDArray x = TestSpaces.images(manager, space, 4, DataType.FLOAT32);
        ParameterStore store = new ParameterStore(manager, false);
        net.setPath(new int[] {3, 1});
        float[] plain = net.logits(store, x, null, false).toFloatArray();
        float[] gated = net.forward(store, new NDList(x, manager.ones(new Shape(2))), false).head().toFloatArray();
        assertThat(gated).containsExactly(plain);
    }
}
