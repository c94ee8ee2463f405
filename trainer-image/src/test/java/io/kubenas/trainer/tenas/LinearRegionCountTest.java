package io.kubenas.trainer.tenas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.kubenas.trainer.searchspace.WithEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearRegionCountTest extends WithEngine {
    /**
     * x ∈ [-1, 1] → Linear(1 → 4) → ReLU → Linear(4 → 1): unit i switches at x = -bᵢ / wᵢ. Four distinct
     * breakpoints inside the interval cut it into five linear pieces, seen through DJL and the recorder.
     */
    @Test
    void aLineThroughOneReluLayerHasOneRegionMoreThanItHasBreakpointsInside() {
        Block net = lineNetwork(new float[] {1f, -2f, 0.5f, 3f}, new float[] {0.5f, 0.2f, 0.1f, -1.5f}); // -0.5, 0.1, -0.2, 0.5
        assertThat(new LinearRegionCount().count(net, uniformLine(3, 1000, 5))).isEqualTo(5);
    }

    @Test
    void breakpointsOutsideTheSampledIntervalAddNoRegion() {
        Block net = lineNetwork(new float[] {1f, 1f, 1f}, new float[] {-5f, 5f, -0.5f}); // 5, -5, 0.5
        assertThat(new LinearRegionCount().count(net, uniformLine(2, 500, 6))).isEqualTo(2);
    }

    @Test
    void recordingEndsWithTheCountEvenWhenTheForwardFails() {
        Block plain = new SequentialBlock().add(Linear.builder().setUnits(3).build()).add(Activation.reluBlock());
        plain.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        assertThatThrownBy(() -> new LinearRegionCount().count(plain, uniformLine(1, 10, 7)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ReluRecorder");
        assertThat(ReluRecorder.isRecording()).isFalse();
    }

    @Test
    void reluBlockIsAPlainReluWhenNothingRecords() {
        NDArray x = manager.create(new float[] {-1f, 0f, 2f});
        assertThat(ReluRecorder.relu(x).toFloatArray()).containsExactly(0f, 0f, 2f);
        assertThat(ReluRecorder.isRecording()).isFalse();
    }

    @Test
    void recorderConcatenatesEveryReluCallPerSample() {
        ReluRecorder recorder = new ReluRecorder();
        try (ReluRecorder.Scope ignored = recorder.activate()) {
            ReluRecorder.relu(manager.create(new float[] {1f, -1f, -2f, 3f}, new Shape(2, 2)));
            ReluRecorder.relu(manager.create(new float[] {-1f, 5f}, new Shape(2, 1)));
        }
        assertThat(recorder.samples()).isEqualTo(2);
        assertThat(recorder.pattern(0)).containsExactly(true, false, false);
        assertThat(recorder.pattern(1)).containsExactly(false, true, true);
    }

    private Block lineNetwork(float[] weights, float[] biases) {
        Block net = new SequentialBlock()
                .add(Linear.builder().setUnits(weights.length).build())
                .add(ReluRecorder.reluBlock())
                .add(Linear.builder().setUnits(1).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        List<Parameter> params = net.getParameters().values();
        params.get(0).getArray().set(weights); // [units, 1]
        params.get(1).getArray().set(biases);
        return net;
    }

    private List<NDArray> uniformLine(int batches, int samples, long seed) {
        Random random = new Random(seed);
        List<NDArray> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[] x = new float[samples];
            for (int i = 0; i < samples; i++) {
                x[i] = -1f + 2f * random.nextFloat();
            }
            out.add(manager.create(x, new Shape(samples, 1)));
        }
        return out;
    }
}
