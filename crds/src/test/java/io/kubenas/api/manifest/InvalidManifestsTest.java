package io.kubenas.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubenas.api.RepoPaths;
import io.kubenas.api.validation.InvalidNasSearchException;
import io.kubenas.api.validation.ValidationProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of invalid manifests: each file names, in its header, the field and the message fragment its
 * rejection must carry. They are rejected by the generated CRD's openAPIV3Schema, its CEL rules, or the
 * semantic validation, all through the same entry point the local runner uses.
 */
class InvalidManifestsTest {
    static final Path CORPUS = RepoPaths.root().resolve("crds/src/test/resources/invalid");

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void corpusHasAtLeastTwentyFiveManifests() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void invalidManifestIsRejectedWithAMessageNamingTheField(Path manifest) throws IOException {
        List<String> lines = Files.readAllLines(manifest);
        String field = header(lines, "# expect-field: ");
        String fragment = header(lines, "# expect-message: ");

        InvalidNasSearchException rejected = catchThrowableOfType(InvalidNasSearchException.class,
                () -> NasSearchManifests.read(manifest));

        assertThat(rejected).as(manifest.getFileName() + " must be rejected").isNotNull();
        assertThat(rejected.problems())
                .as("problems of " + manifest.getFileName())
                .anySatisfy(p -> {
                    assertThat(p.field()).isEqualTo(field);
                    assertThat(p.message()).contains(fragment);
                });
        assertThat(rejected.getMessage()).contains(field);
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        String manifest = """
                apiVersion: kubenas.io/v1alpha1
                kind: NasSearch
                metadata:
                  name: many-problems
                spec:
                  dataset:
                    builtin: fashion-mnist
                  training:
                    batchSize: 0
                    epochs: 0
                  budget:
                    deviceHours: -1
                """;
        InvalidNasSearchException rejected = catchThrowableOfType(InvalidNasSearchException.class,
                () -> NasSearchManifests.parse(manifest));
        assertThat(rejected.problems()).extracting(ValidationProblem::field)
                .contains("spec.training.batchSize", "spec.training.epochs", "spec.budget.deviceHours");
    }

    private static String header(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("missing header " + prefix.trim()));
    }
}
