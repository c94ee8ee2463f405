package io.kubenas.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.kubenas.api.manifest.NasSearchManifests;
import io.kubenas.api.validation.InvalidNasSearchException;
import io.kubenas.e2e.cluster.KubenasRelease;
import io.kubenas.e2e.cluster.Repo;
import io.kubenas.e2e.cluster.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NasSearch API through a real API server: the committed CRD installs (its CEL rules compile within the
 * server's cost budget), every example is accepted, and every manifest of the invalid corpus is rejected by the
 * API server itself with an error naming the field its header expects, as the local reader ({@code kubenas run},
 * no cluster) rejects it at that same field. {@code kubectl explain} and {@code kubectl get} read well.
 */
@ExtendWith(TestCluster.class)
class ApiServerValidationTest {
    private static final String NAMESPACE = "e2e-api";
    /** The CRD the chart installs (identical to the generated one: the chart module checks it). */
    private static final Path CRD = Repo.path("helm/kubenas/crds/nassearches.kubenas.io-v1.yml");
    private static final Path CORPUS = Repo.path("crds/src/test/resources/invalid");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /**
     * Manifests kubectl itself refuses before a request reaches the API server, with what it says: the local
     * reader reports the same problems as field errors.
     */
    private static final Map<String, String> REFUSED_BY_KUBECTL = Map.of(
            "not-yaml.yaml", "error parsing",
            "wrong-api-version.yaml", "no matches for kind \"NasSearch\" in version \"kubenas.io/v1\"",
            "wrong-kind.yaml", "no matches for kind \"Deployment\" in version \"kubenas.io/v1alpha1\"",
            "missing-name.yaml", "resource name may not be empty");

    @BeforeAll
    static void installChart(TestCluster cluster) {
        // The CRD comes from the chart, as on a user's cluster (helm applies crds/ itself).
        KubenasRelease.installOnce(cluster);
        // A previous run's namespace may still be terminating (an external cluster outlives the run).
        cluster.kubectl("wait", "--for=delete", "namespace/" + NAMESPACE, "--timeout=120s");
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .serverSideApply();
        // The examples are applied for real and the operator acts on them, but their trainers must not run here
        // (one is a 20-minute search): a quota of zero pods makes the Job controller create none.
        cluster.client().resourceQuotas().inNamespace(NAMESPACE).resource(new ResourceQuotaBuilder().withNewMetadata()
                .withName("no-pods").endMetadata().withNewSpec().addToHard("pods", new Quantity("0")).endSpec().build())
                .serverSideApply();
    }

    @AfterAll
    static void removeSearches(TestCluster cluster) {
        // The examples were applied for real: an operator of another test class must not run them.
        cluster.kubectl("delete", "namespace", NAMESPACE, "--wait=false", "--ignore-not-found");
    }

    /** Every NasSearch document of the examples (other documents need CRDs this cluster does not have). */
    static Stream<JsonNode> examples() throws IOException {
        List<JsonNode> searches = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repo.path("examples"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    docs.readAll().stream().filter(d -> "NasSearch".equals(d.path("kind").asText())).forEach(searches::add);
                }
            }
        }
        assertThat(searches).extracting(d -> d.path("metadata").path("name").asText())
                .contains("fashion-mnist", "cifar10-gpu", "imagenet-shufflenet");
        return searches.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleIsAcceptedByTheApiServerAndByTheLocalReader(JsonNode example, TestCluster cluster, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve(example.path("metadata").path("name").asText() + ".yaml");
        YAML.writeValue(file.toFile(), example);

        assertThat(cluster.kubectl("apply", "--dry-run=server", "-n", NAMESPACE, "-f", file.toString())).contains("(server dry run)");
        assertThat(cluster.kubectl("apply", "-n", NAMESPACE, "-f", file.toString())).contains("nassearch.kubenas.io/");
        NasSearchManifests.read(file);
    }

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<Path> manifests = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(manifests).hasSizeGreaterThanOrEqualTo(25);
            return manifests.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void invalidManifestIsRejectedByTheApiServerAndByTheLocalReaderAtTheSameField(Path manifest, TestCluster cluster)
            throws IOException {
        List<String> lines = Files.readAllLines(manifest);
        String field = header(lines, "# expect-field: ");
        String fragment = header(lines, "# expect-message: ");

        InvalidNasSearchException local = catchThrowableOfType(InvalidNasSearchException.class, () -> NasSearchManifests.read(manifest));
        assertThat(local).as("the local reader rejects " + manifest.getFileName()).isNotNull();
        assertThat(local.problems()).anySatisfy(p -> assertThat(p.field()).isEqualTo(field));

        IllegalStateException refused = catchThrowableOfType(IllegalStateException.class,
                () -> cluster.kubectl("apply", "--dry-run=server", "-n", NAMESPACE, "-f", manifest.toString()));
        assertThat(refused).as(manifest.getFileName() + " must be refused").isNotNull();
        String error = refused.getMessage();
        String kubectlSays = REFUSED_BY_KUBECTL.get(manifest.getFileName().toString());
        if (kubectlSays != null) {
            assertThat(error).contains(kubectlSays).doesNotContain(" is invalid");
            return;
        }
        assertThat(error).as("rejected by the API server").containsPattern("The NasSearch \"[^\"]+\" is invalid|Error from server");
        assertThat(error).contains(field);
        // A CEL rule's message reaches kubectl as written; the schema's own checks keep the API server's wording.
        assertThat(error).satisfiesAnyOf(
                e -> assertThat(e).contains(fragment),
                e -> assertThat(e).containsPattern(Pattern.quote(field) + ": (Required value|Unsupported value"
                        + "|Invalid value: [^\\n]*" + Pattern.quote(field) + " in body )"));
    }

    @Test
    void explainDescribesEveryFieldOfTheSpec(TestCluster cluster) throws IOException {
        String explained = oneLine(cluster.kubectl("explain", "nassearch.spec"));
        JsonNode spec = YAML.readTree(CRD.toFile()).path("spec").path("versions").get(0)
                .path("schema").path("openAPIV3Schema").path("properties").path("spec");
        assertThat(explained).contains(oneLine(spec.path("description").asText()));
        spec.path("properties").fields().forEachRemaining(property -> assertThat(explained)
                .as("kubectl explain nassearch.spec describes " + property.getKey())
                .contains(property.getKey())
                .contains(oneLine(property.getValue().path("description").asText())));
        assertThat(oneLine(cluster.kubectl("explain", "nassearch.spec.searchSpace.layers")))
                .contains("Explicit choice layers, in order from the stem to the tail (at most 64).");
    }

    @Test
    void getShowsThePrinterColumnsOfAnAppliedExample(TestCluster cluster) throws IOException {
        cluster.kubectl("apply", "-n", NAMESPACE, "-f", Repo.path("examples/fashion-mnist.yaml").toString());
        String table = cluster.kubectl("get", "nas", "-n", NAMESPACE, "-o", "wide", "fashion-mnist");
        List<String> columns = new ArrayList<>();
        YAML.readTree(CRD.toFile()).path("spec").path("versions").get(0).path("additionalPrinterColumns")
                .forEach(c -> columns.add(c.path("name").asText().toUpperCase()));
        assertThat(columns).contains("STRATEGY", "PHASE", "EPOCH", "ACCURACY", "BUDGET-USED", "AGE");
        String header = table.lines().findFirst().orElseThrow();
        assertThat(header).contains("NAME").contains(columns);
        assertThat(table.lines().skip(1).findFirst().orElseThrow()).startsWith("fashion-mnist").contains("DSNAS");
    }

    /** kubectl wraps descriptions at its terminal width: compare them with whitespace collapsed. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String header(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("missing header " + prefix.trim()));
    }
}
