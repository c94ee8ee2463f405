package io.kubenas.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.RepoPaths;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.space.SearchSpaceResolver;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Strategy;
import io.kubenas.api.validation.NasSearchValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExampleManifestsTest {

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(RepoPaths.root().resolve("examples"))) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).extracting(p -> p.getFileName().toString())
                    .contains("fashion-mnist.yaml", "cifar10-gpu.yaml", "imagenet-shufflenet.yaml");
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExamplePassesSchemaCelAndSemanticValidation(Path example) {
        NasSearch search = NasSearchManifests.read(example);
        assertThat(NasSearchValidator.validate(search)).isEmpty();
        assertThat(search.getSpec().getBudget().getDeviceHours()).isPositive();
    }

    @Test
    void fashionMnistExampleIsASmallCpuSearchOnTheTinySpace() {
        NasSearch search = NasSearchManifests.read(RepoPaths.root().resolve("examples/fashion-mnist.yaml"));
        assertThat(search.getSpec().getStrategy()).isEqualTo(Strategy.DSNAS);
        assertThat(search.getSpec().getResources().getGpus()).isZero();
        ResolvedSearchSpace space = SearchSpaceResolver.resolve(search.getSpec().getSearchSpace(),
                NasSearchValidator.inputShape(search.getSpec().getDataset()));
        assertThat(space.layers()).hasSize(8);
        assertThat(space.architectureCount()).isEqualTo(65536.0);
    }

    @Test
    void imagenetExampleIsThePapersTwentyLayerSpaceOnEightGpus() {
        NasSearch search = NasSearchManifests.read(RepoPaths.root().resolve("examples/imagenet-shufflenet.yaml"));
        ResolvedSearchSpace space = SearchSpaceResolver.resolve(search.getSpec().getSearchSpace(),
                NasSearchValidator.inputShape(search.getSpec().getDataset()));
        assertThat(space.layers()).hasSize(20);
        assertThat(space.layers().get(19).outChannels()).isEqualTo(640);
        assertThat(space.tailChannels()).isEqualTo(1024);
        assertThat(search.getSpec().getResources().getGpus()).isEqualTo(8);
        assertThat(search.getSpec().getResources().getQueueName()).isEqualTo("nas-research");
    }

    @Test
    void cifarExampleRequestsOneGpu() {
        NasSearch search = NasSearchManifests.read(RepoPaths.root().resolve("examples/cifar10-gpu.yaml"));
        assertThat(search.getSpec().getResources().getGpus()).isEqualTo(1);
        assertThat(search.getSpec().getDataset().getCifar10().getClaimName()).isEqualTo("cifar10-data");
    }
}
