package io.kubenas.trainer.dsnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubenas.trainer.searchspace.ChildNetwork;
import io.kubenas.trainer.searchspace.Supernet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class ChildStepTest extends WithTwoLayerBatch {

    ChildStepTest() {
        super(3, 12);
    }

    @Test
    void searchThenChildPhaseKeepLoweringTheLossWithoutReinitialisation() {
        Supernet net = Supernet.create(space, manager);
        ArchitectureParameters alpha = ArchitectureParameters.initial(space, 3);
        double first;
        double last = 0;
        try (SearchStep search = new SearchStep(net, alpha, SearchStepTest.settings(3), manager)) {
            first = search.step(images, labels).loss();
            for (int s = 0; s < 25; s++) {
                last = search.step(images, labels).loss();
            }
        }
        assertThat(last).as("the search learns the batch").isLessThan(first);

        int[] derived = alpha.derivedPath();
        ChildNetwork child = ChildNetwork.inherit(net, derived, manager);
        double supernetLoss;
        try (SearchStep probe = new SearchStep(net, alpha, SearchStepTest.settings(3), manager)) {
            supernetLoss = probe.probe(images, labels, derived).loss();
        }
        try (ChildStep alone = ChildStep.continuing(child, SearchStepTest.settings(3), 26, manager)) {
            double childFirst = alone.step(images, labels);
            assertThat(childFirst).as("the child starts where the supernet's path is").isCloseTo(supernetLoss, within(1e-5));
            double childLast = childFirst;
            for (int s = 0; s < 15; s++) {
                childLast = alone.step(images, labels);
            }
            assertThat(childLast).isLessThan(childFirst);
            assertThat(alone.stepCount()).isEqualTo(26 + 16);
        }
    }

    @Test
    void childStepStateRoundTrips() throws Exception {
        Supernet net = Supernet.create(space, manager);
        ChildNetwork child = ChildNetwork.inherit(net, new int[] {1, 1}, manager);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ChildStep a = new ChildStep(child, SearchStepTest.settings(3).weightLearningRate(), 0, 0.9, 4e-5, 0.1, 3, manager)) {
            a.step(images, labels);
            a.step(images, labels);
            a.writeState(new DataOutputStream(bytes));
        }
        try (ChildStep b = new ChildStep(child, SearchStepTest.settings(3).weightLearningRate(), 0, 0.9, 4e-5, 0.1, 3, manager)) {
            b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertThat(b.stepCount()).isEqualTo(2);
            assertThat(b.weightOptimizer().bufferCount()).isEqualTo((int) child.network().getParameters().values().stream()
                    .filter(p -> p.requiresGradient()).count());
        }
    }
}
