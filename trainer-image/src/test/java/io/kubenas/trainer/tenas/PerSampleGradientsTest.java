package io.kubenas.trainer.tenas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import io.kubenas.trainer.searchspace.WithEngine;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PerSampleGradientsTest extends WithEngine {
    /**
     * Conv (with bias) → train-mode BatchNorm → ReLU → Linear (with bias), in float64: every sample's logits
     * depend on the whole batch through the batch statistics, which the finite differences see too because
     * they perturb a weight and forward the whole batch again.
     */
    @Test
    void kappaFromPerSampleGradientsEqualsKappaFromAFiniteDifferenceJacobianThroughTrainModeBatchNorm() {
        Block net = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(2).optPadding(new Shape(1, 1)).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
        net.initialize(manager, DataType.FLOAT64, new Shape(6, 1, 4, 4));
        randomise(net, 11);
        NDArray images = gaussian(new Shape(6, 1, 4, 4), 12).toType(DataType.FLOAT64, false);

        PerSampleGradients gradients = new PerSampleGradients(net, PerSampleGradients.WEIGHTS, PerSampleGradients.Mode.RETAINED_GRAPH);
        double[][] autograd = gradients.rows(images);
        double[][] numeric = finiteDifferenceJacobian(net, gradients.selectedParameters(), images, 1e-6);

        assertThat(autograd[0]).hasSize(18 + 2 + 2 * 4 * 4 * 3); // conv weight, BN γ, linear weight
        for (int n = 0; n < autograd.length; n++) {
            for (int j = 0; j < autograd[n].length; j++) {
                assertThat(autograd[n][j]).as("sample %d, weight %d", n, j).isCloseTo(numeric[n][j], within(1e-7));
            }
        }
        double expected = NtkConditionNumber.fromGradients(numeric);
        assertThat(expected).isLessThan(NtkConditionNumber.SINGULAR);
        assertThat(NtkConditionNumber.fromGradients(autograd)).isCloseTo(expected, within(1e-7 * expected));
    }

    /** s(x) = Σₖ Σₕ W2[k][h]·relu(W1·x + b1)ₕ: its weight gradients written out by hand. */
    @Test
    void kappaMatchesTheHandDerivedJacobianOfATwoLayerReluNetwork() {
        int in = 4;
        int hidden = 6;
        int classes = 3;
        Block net = new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(classes).optBias(false).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(5, in));
        randomise(net, 21);
        NDArray x = gaussian(new Shape(5, in), 22);
        List<Parameter> params = net.getParameters().values();
        double[] w1 = params.get(0).getArray().toType(DataType.FLOAT64, false).toDoubleArray(); // [hidden, in]
        double[] b1 = params.get(1).getArray().toType(DataType.FLOAT64, false).toDoubleArray();
        double[] w2 = params.get(2).getArray().toType(DataType.FLOAT64, false).toDoubleArray(); // [classes, hidden]
        double[] xs = x.toType(DataType.FLOAT64, false).toDoubleArray();

        double[][] jacobian = new double[5][hidden * in + classes * hidden];
        for (int n = 0; n < 5; n++) {
            for (int h = 0; h < hidden; h++) {
                double z = b1[h];
                for (int i = 0; i < in; i++) {
                    z += w1[h * in + i] * xs[n * in + i];
                }
                double columnSum = 0;
                for (int k = 0; k < classes; k++) {
                    columnSum += w2[k * hidden + h];
                    jacobian[n][hidden * in + k * hidden + h] = Math.max(0, z); // ∂s/∂W2[k][h]
                }
                for (int i = 0; i < in; i++) {
                    jacobian[n][h * in + i] = z > 0 ? columnSum * xs[n * in + i] : 0; // ∂s/∂W1[h][i]
                }
            }
        }

        double[][] rows = PerSampleGradients.of(net).rows(x);
        assertThat(rows[0]).hasSize(jacobian[0].length);
        double expected = NtkConditionNumber.fromGradients(jacobian);
        assertThat(expected).isLessThan(NtkConditionNumber.SINGULAR);
        assertThat(NtkConditionNumber.fromGradients(rows)).isCloseTo(expected, within(1e-4 * expected));
    }

    @Test
    void retainedGraphAndForwardPerSampleGiveTheSameRows() {
        ToyChainSupernet net = new ToyChainSupernet(manager, 1, 8, 4,
                List.of(new ToyChainSupernet.Layer(8, 2, List.of(ToyChainSupernet.Kind.SHUFFLE3X3, ToyChainSupernet.Kind.XCEPTION))),
                8, 10, KaimingInitialization.Fan.OUT);
        NDArray images = gaussian(new Shape(8, 1, 8, 8), 31);
        double[][] retained = new PerSampleGradients(net.block(), PerSampleGradients.WEIGHTS, PerSampleGradients.Mode.RETAINED_GRAPH)
                .rows(images);
        double[][] reforwarded = new PerSampleGradients(net.block(), PerSampleGradients.WEIGHTS,
                PerSampleGradients.Mode.FORWARD_PER_SAMPLE).rows(images);
        for (int n = 0; n < retained.length; n++) {
            for (int j = 0; j < retained[n].length; j++) {
                assertThat(retained[n][j]).isCloseTo(reforwarded[n][j], within(1e-5 * (1 + Math.abs(retained[n][j]))));
            }
        }
    }

    @Test
    void rowsLeaveOutBiasesBatchNormShiftsAndRunningStatistics() {
        Block net = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                .add(BatchNorm.builder().build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(2).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(3, 2, 5, 5));
        PerSampleGradients gradients = PerSampleGradients.of(net);
        assertThat(gradients.selectedParameters()).extracting(Parameter::getType)
                .containsExactly(Parameter.Type.WEIGHT, Parameter.Type.GAMMA, Parameter.Type.WEIGHT);
        double[][] rows = gradients.rows(gaussian(new Shape(3, 2, 5, 5), 41));
        assertThat(rows).hasNumberOfRows(3);
        assertThat(rows[0]).hasSize(4 * 2 * 3 * 3 + 4 + 2 * 4 * 3 * 3);
    }

    /** J[n][j] = ∂(Σ logits of sample n)/∂wⱼ by central differences, forwarding the whole batch each time. */
    private double[][] finiteDifferenceJacobian(Block net, List<Parameter> weights, NDArray images, double h) {
        int samples = Math.toIntExact(images.getShape().get(0));
        int width = weights.stream().mapToInt(p -> Math.toIntExact(p.getArray().size())).sum();
        double[][] jacobian = new double[samples][width];
        int column = 0;
        for (Parameter p : weights) {
            double[] values = p.getArray().toDoubleArray();
            for (int j = 0; j < values.length; j++, column++) {
                double original = values[j];
                values[j] = original + h;
                p.getArray().set(values);
                double[] plus = logitSums(net, images);
                values[j] = original - h;
                p.getArray().set(values);
                double[] minus = logitSums(net, images);
                values[j] = original;
                p.getArray().set(values);
                for (int n = 0; n < samples; n++) {
                    jacobian[n][column] = (plus[n] - minus[n]) / (2 * h);
                }
            }
        }
        return jacobian;
    }

    private double[] logitSums(Block net, NDArray images) {
        try (NDManager scratch = manager.newSubManager()) {
            images.tempAttach(scratch);
            NDArray logits = net.forward(new ParameterStore(scratch, false), new NDList(images), true).singletonOrThrow();
            return logits.sum(new int[] {1}).toDoubleArray();
        }
    }

    private void randomise(Block net, long seed) {
        Random random = new Random(seed);
        for (Parameter p : net.getParameters().values()) {
            if (p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR) {
                continue;
            }
            NDArray a = p.getArray();
            double[] values = new double[Math.toIntExact(a.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (p.getType() == Parameter.Type.GAMMA ? 1 : 0) + 0.5 * random.nextGaussian();
            }
            if (a.getDataType() == DataType.FLOAT64) {
                a.set(values);
            } else {
                float[] floats = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    floats[i] = (float) values[i];
                }
                a.set(floats);
            }
        }
    }

    private NDArray gaussian(Shape shape, long seed) {
        Random random = new Random(seed);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }
}
