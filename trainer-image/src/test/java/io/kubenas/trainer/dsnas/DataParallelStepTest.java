package io.kubenas.trainer.dsnas;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import io.kubenas.trainer.devices.ShardResult;
import io.kubenas.trainer.searchspace.ChildNetwork;
import io.kubenas.trainer.searchspace.Supernet;
import io.kubenas.trainer.searchspace.TestSpaces;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DSNAS and child steps with each batch split over two CPU replicas: the multi-GPU code path, on a CPU. */
class DataParallelStepTest extends WithTwoLayerBatch {
    private static final List<Device> TWO_REPLICAS = List.of(Device.cpu(), Device.cpu());

    DataParallelStepTest() {
        super(5, 8);
    }

    @Test
    void aSearchSplitOverTwoReplicasIsReproducibleForASeed() {
        SearchRun first = search(6);
        SearchRun second = search(6);
        assertThat(second.alpha()).isEqualTo(first.alpha());
        assertThat(second.weights()).hasSameSizeAs(first.weights());
        for (int i = 0; i < first.weights().size(); i++) {
            assertThat(second.weights().get(i)).as("parameter %d", i).isEqualTo(first.weights().get(i));
        }
        assertThat(first.paths()).allSatisfy(shardPaths -> assertThat(shardPaths).hasSize(2));
        assertThat(first.paths()).as("each device samples its own path").anySatisfy(
                shardPaths -> assertThat(shardPaths.get(1)).isNotEqualTo(shardPaths.get(0)));
        assertThat(first.losses().get(first.losses().size() - 1)).as("the weights learn: the loss falls").isLessThan(first.losses().get(0));
    }

    @Test
    void aChildSplitOverTwoReplicasFitsABatch() {
        TestSpaces.engine(5);
        Supernet net = Supernet.create(space, manager);
        ChildNetwork child = ChildNetwork.inherit(net, new int[] {0, 2}, manager);
        try (ChildStep step = ChildStep.continuing(child, SearchStepTest.settings(3), 0, manager, TWO_REPLICAS)) {
            double first = step.step(images, labels);
            double last = first;
            for (int s = 0; s < 20; s++) {
                last = step.step(images, labels);
            }
            assertThat(last).isLessThan(first * 0.8);
        }
    }

    private record SearchRun(List<float[]> weights, double[][] alpha, List<Double> losses, List<List<int[]>> paths) {
    }

    private SearchRun search(int steps) {
        TestSpaces.engine(5);
        Supernet net = Supernet.create(space, manager);
        ArchitectureParameters alpha = ArchitectureParameters.initial(space, 3);
        List<Double> losses = new ArrayList<>();
        List<List<int[]>> paths = new ArrayList<>();
        try (SearchStep step = new SearchStep(net, alpha, SearchStepTest.settings(3), manager, TWO_REPLICAS)) {
            assertThat(step.devices()).hasSize(2);
            for (int s = 0; s < steps; s++) {
                SearchStep.StepResult result = step.step(images, labels);
                losses.add(result.loss());
                paths.add(result.shards().stream().map(ShardResult::path).toList());
            }
        }
        List<float[]> weights = new ArrayList<>();
        for (Parameter p : net.getParameters().values()) {
            weights.add(p.getArray().toFloatArray());
        }
        return new SearchRun(weights, alpha.logits(), losses, paths);
    }
}
