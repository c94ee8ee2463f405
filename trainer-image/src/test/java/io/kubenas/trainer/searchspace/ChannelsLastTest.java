package io.kubenas.trainer.searchspace;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class ChannelsLastTest extends WithEngine {
    ChannelsLastTest() {
        super(11);
    }

    @Test
    void keepsShapeAndValuesForOneAndSeveralChannels() {
        for (Shape shape : new Shape[] {new Shape(2, 1, 5, 5), new Shape(2, 3, 4, 5)}) {
            NDArray x = manager.randomNormal(shape);
            NDArray y = ChannelsLast.of(x);
            assertThat(y.getShape()).isEqualTo(shape);
            assertThat(y.toFloatArray()).containsExactly(x.toFloatArray());
        }
    }

    @Test
    void passesGradientsBackToTheInput() {
        NDArray x = manager.randomNormal(new Shape(2, 3, 4, 4));
        NDArray w = manager.randomNormal(new Shape(2, 3, 4, 4));
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(ChannelsLast.of(x).mul(w).sum());
        }
        assertThat(x.getGradient().toFloatArray()).containsExactly(w.toFloatArray());
    }

    @Test
    void aDepthwiseConvolutionAndItsWeightGradientAgreeWithTheNchwLayout() {
        NDArray x = manager.randomNormal(new Shape(8, 16, 14, 14));
        float[][] outputs = new float[2][];
        float[][] weightGradients = new float[2][];
        for (int layout = 0; layout < 2; layout++) {
            NDArray w = manager.arange(0f, 400f).reshape(16, 1, 5, 5).div(400f); // a fresh leaf per layout
            w.setRequiresGradient(true);
            NDArray input = layout == 0 ? x : ChannelsLast.of(x);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Conv2d.conv2d(input, w, null, new Shape(1, 1), new Shape(2, 2), new Shape(1, 1), 16).singletonOrThrow();
                outputs[layout] = y.toFloatArray();
                collector.backward(y.mul(y).sum());
            }
            weightGradients[layout] = w.getGradient().toFloatArray();
        }
        assertClose(outputs[1], outputs[0], 1e-4);
        assertClose(weightGradients[1], weightGradients[0], 1e-3);
    }

    private static void assertClose(float[] actual, float[] expected, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) Math.abs(actual[i] - expected[i])).as("element %d", i).isLessThanOrEqualTo(relative * scale);
        }
    }
}
