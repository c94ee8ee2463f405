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

    /** The examples and the benchmarks' recipes (bench/recipes): what a user or a benchmark applies. */
    static Stream<Path> manifests() throws IOException {
        try (Stream<Path> recipes = Files.list(RepoPaths.root().resolve("bench/recipes"))) {
            return Stream.concat(examples(), recipes.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyExamplePassesSchemaAndCelValidation(Path example) {
        // read() throws InvalidNasSearchException listing every problem when one is invalid.
        NasSearch search = NasSearchManifests.read(example);
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
    void fashionMnistExampleTrainsOnAtMostTheImagesTheReferenceRunProcessesIn20Minutes() {
        // Issue 16's budget: 1.96 M training images, search and child phase together (32.7 epochs of 60,000).
        NasSearch search = NasSearchManifests.read(RepoPaths.root().resolve("examples/fashion-mnist.yaml"));
        var training = search.getSpec().getTraining();
        long trainImages = Math.round(60_000 * (1 - search.getSpec().getDataset().getValidationFraction()));
        // Rounded up, so an upper bound: the trainer drops an epoch's last partial batch.
        long batches = (trainImages + training.getBatchSize() - 1) / training.getBatchSize();
        long images = (long) (training.getEpochs() + training.getChildEpochs()) * batches * training.getBatchSize();
        assertThat(images).isLessThanOrEqualTo(1_960_000);
    }

    @Test
    void fixedExampleIsOneArchitectureOfTheTinySpaceTrainedWithTheSearchExamplesRecipe() {
        NasSearch search = NasSearchManifests.read(RepoPaths.root().resolve("examples/fashion-mnist.yaml"));
        NasSearch fixed = NasSearchManifests.read(RepoPaths.root().resolve("examples/fashion-mnist-fixed.yaml"));
        assertThat(fixed.getSpec().getStrategy()).isEqualTo(Strategy.FIXED);
        ResolvedSearchSpace tiny = SearchSpaceResolver.resolve(search.getSpec().getSearchSpace(),
                NasSearchValidator.inputShape(search.getSpec().getDataset()));
        ResolvedSearchSpace one = SearchSpaceResolver.resolve(fixed.getSpec().getSearchSpace(),
                NasSearchValidator.inputShape(fixed.getSpec().getDataset()));
        assertThat(one.architectureCount()).isEqualTo(1.0);
        assertThat(one.stemChannels()).isEqualTo(tiny.stemChannels());
        assertThat(one.tailChannels()).isEqualTo(tiny.tailChannels());
        assertThat(one.layers()).extracting(l -> List.of(l.inChannels(), l.outChannels(), l.stride(), l.inputSize()))
                .as("the tiny preset's layer shapes")
                .isEqualTo(tiny.layers().stream().map(l -> List.of(l.inChannels(), l.outChannels(), l.stride(), l.inputSize())).toList());
        // The search's images and schedule: its search and child epochs in one phase, the same batch and rates.
        assertThat(fixed.getSpec().getTraining().getEpochs())
                .isEqualTo(search.getSpec().getTraining().getEpochs() + search.getSpec().getTraining().getChildEpochs());
        assertThat(fixed.getSpec().getTraining().getBatchSize()).isEqualTo(search.getSpec().getTraining().getBatchSize());
        assertThat(fixed.getSpec().getTraining().getWeightOptimizer()).isEqualTo(search.getSpec().getTraining().getWeightOptimizer());
        assertThat(fixed.getSpec().getDataset()).isEqualTo(search.getSpec().getDataset());
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

    @Test
    void kueueExampleProvidesTheLocalQueueTheImagenetSearchNames() throws IOException {
        List<com.fasterxml.jackson.databind.JsonNode> docs = yamlDocuments(RepoPaths.root().resolve("examples/kueue/gpu-queue.yaml"));
        NasSearch search = NasSearchManifests.read(RepoPaths.root().resolve("examples/imagenet-shufflenet.yaml"));
        assertThat(docs).anySatisfy(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("LocalQueue");
            assertThat(d.path("metadata").path("name").asText()).isEqualTo(search.getSpec().getResources().getQueueName());
        });
    }

    @Test
    void gitopsExamplesInstallTheChartFromThisRepository() throws IOException {
        List<com.fasterxml.jackson.databind.JsonNode> argo = yamlDocuments(RepoPaths.root().resolve("examples/gitops/argocd-kubenas.yaml"));
        assertThat(argo).anySatisfy(d -> assertThat(d.path("spec").path("source").path("path").asText()).isEqualTo("helm/kubenas"));
        assertThat(Files.isDirectory(RepoPaths.root().resolve("helm/kubenas"))).isTrue();
        List<com.fasterxml.jackson.databind.JsonNode> flux = yamlDocuments(RepoPaths.root().resolve("examples/gitops/flux-kubenas.yaml"));
        assertThat(flux).extracting(d -> d.path("kind").asText()).contains("HelmRelease", "GitRepository", "Kustomization");
        // Every source a Flux object points at is defined in the file, and dependsOn names only Kustomizations.
        List<String> repositories = flux.stream().filter(d -> d.path("kind").asText().equals("GitRepository"))
                .map(d -> d.path("metadata").path("name").asText()).toList();
        List<String> kustomizations = flux.stream().filter(d -> d.path("kind").asText().equals("Kustomization"))
                .map(d -> d.path("metadata").path("name").asText()).toList();
        for (com.fasterxml.jackson.databind.JsonNode d : flux) {
            com.fasterxml.jackson.databind.JsonNode ref = d.path("spec").path("sourceRef").isMissingNode()
                    ? d.path("spec").path("chart").path("spec").path("sourceRef") : d.path("spec").path("sourceRef");
            if (!ref.isMissingNode()) {
                assertThat(repositories).as("source of %s", d.path("metadata").path("name").asText()).contains(ref.path("name").asText());
            }
            d.path("spec").path("dependsOn").forEach(dep -> assertThat(kustomizations).contains(dep.path("name").asText()));
        }
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> yamlDocuments(Path file) throws IOException {
        com.fasterxml.jackson.dataformat.yaml.YAMLFactory factory = new com.fasterxml.jackson.dataformat.yaml.YAMLFactory();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper(factory);
        try (com.fasterxml.jackson.databind.MappingIterator<com.fasterxml.jackson.databind.JsonNode> it =
                mapper.readerFor(com.fasterxml.jackson.databind.JsonNode.class).readValues(factory.createParser(file.toFile()))) {
            return it.readAll();
        }
    }
}
