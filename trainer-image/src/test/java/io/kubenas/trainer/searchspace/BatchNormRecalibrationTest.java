package io.kubenas.trainer.searchspace;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.kubenas.api.space.ResolvedSearchSpace;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormRecalibrationTest extends WithEngine {
    private final ResolvedSearchSpace space = TestSpaces.twoLayers();

    BatchNormRecalibrationTest() {
        super(11);
    }

    @Test
    void statisticsOfOneBatchMakeInferenceModeComputeWhatTrainingModeComputes() {
        Supernet net = Supernet.create(space, manager);
        net.setPath(new int[] {2, 3});
        ParameterStore store = new ParameterStore(manager, false);
        NDArray batch = TestSpaces.images(manager, space, 32, DataType.FLOAT32).mul(3).add(1);

        int used = BatchNormRecalibration.recalibrate(net, store, Collections.nCopies(3, batch).iterator());

        assertThat(used).isEqualTo(3);
        // Inference mode normalises with the running statistics, training mode with the batch's own: once the
        // running statistics are exactly this batch's, both give the same logits up to n/(n−1) in the variance:
        // n = 32 images x 4x4 = 512 values per channel, √(512/511) ≈ 1.001 in the scale of each of the path's eight
        // BatchNorms, so up to about 1% of a logit.
        float[] inference = net.logits(store, batch, null, false).toFloatArray();
        float[] training = net.logits(store, batch, null, true).toFloatArray();
        for (int i = 0; i < inference.length; i++) {
            assertThat(inference[i]).as("logit %d", i).isCloseTo(training[i], org.assertj.core.data.Offset.offset(2e-3f + 1.5e-2f * Math.abs(training[i])));
        }
    }

    @Test
    void theResultIsTheMeanOverTheBatchesWhateverTheStatisticsWereBefore() {
        Supernet net = Supernet.create(space, manager);
        net.setPath(new int[] {0, 1});
        ParameterStore store = new ParameterStore(manager, false);
        List<NDArray> batches = List.of(TestSpaces.images(manager, space, 16, DataType.FLOAT32),
                TestSpaces.images(manager, space, 16, DataType.FLOAT32).mul(2).sub(1));

        BatchNormRecalibration.recalibrate(net, store, batches.iterator());
        float[] first = runningStatistics(net);
        // Scramble the statistics: a second recalibration on the same batches must not remember them.
        for (Parameter p : net.parametersOnPath(net.path())) {
            if (p.getType() == Parameter.Type.RUNNING_VAR || p.getType() == Parameter.Type.RUNNING_MEAN) {
                p.getArray().muli(7).addi(5);
            }
        }
        BatchNormRecalibration.recalibrate(net, store, batches.iterator());

        assertThat(runningStatistics(net)).containsExactly(first, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void noBatchesLeaveTheStatisticsAlone() {
        Supernet net = Supernet.create(space, manager);
        net.setPath(new int[] {1, 1});
        float[] before = runningStatistics(net);
        assertThat(BatchNormRecalibration.recalibrate(net, new ParameterStore(manager, false), Collections.emptyIterator())).isZero();
        assertThat(runningStatistics(net)).containsExactly(before);
    }

    private static float[] runningStatistics(Supernet net) {
        NDArray all = null;
        for (Parameter p : net.parametersOnPath(net.path())) {
            if (p.getType() == Parameter.Type.RUNNING_VAR || p.getType() == Parameter.Type.RUNNING_MEAN) {
                NDArray flat = p.getArray().flatten();
                all = all == null ? flat : all.concat(flat);
            }
        }
        return all.toFloatArray();
    }
}
