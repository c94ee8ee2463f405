package io.kubenas.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Strategy;
import io.kubenas.api.validation.InvalidNasSearchException;
import io.kubenas.api.validation.ValidationProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Strategy FIXED trains the one architecture its search space spells out, and DSNAS needs a choice: a space is
 * valid for exactly one of them, and the message of each rejection points to the other.
 */
class FixedStrategyRulesTest {

    private static String manifest(String strategy, String searchSpace) {
        return """
                apiVersion: kubenas.io/v1alpha1
                kind: NasSearch
                metadata:
                  name: baseline
                spec:
                  strategy: %s
                  dataset:
                    builtin: fashion-mnist
                  searchSpace:
                %s
                  budget:
                    deviceHours: 1
                """.formatted(strategy, searchSpace.indent(4).stripTrailing());
    }

    private static final String PRESET_ONE_CANDIDATE = "preset: tiny\ncandidates: [xception]";
    private static final String LAYERS_ONE_CANDIDATE_EACH = """
            layers:
            - {outChannels: 32, stride: 2, candidates: [shuffle3x3]}
            - {outChannels: 32, stride: 1, candidates: [xception]}
            - {outChannels: 64, stride: 2, candidates: [shuffle7x7]}""";
    private static final String LAYERS_ONE_WITH_A_CHOICE = """
            layers:
            - {outChannels: 32, stride: 2, candidates: [shuffle3x3]}
            - {outChannels: 32, stride: 1, candidates: [xception, shuffle5x5]}""";
    private static final String LAYER_WITHOUT_CANDIDATES = """
            layers:
            - {outChannels: 32, stride: 2, candidates: [shuffle3x3]}
            - {outChannels: 32, stride: 1}""";

    @Test
    void fixedAcceptsAPresetOrExplicitLayersWithOneCandidateEach() {
        NasSearch preset = NasSearchManifests.parse(manifest("FIXED", PRESET_ONE_CANDIDATE));
        assertThat(preset.getSpec().getStrategy()).isEqualTo(Strategy.FIXED);
        assertThat(preset.getSpec().getSearchSpace().getCandidates()).containsExactly(Candidate.XCEPTION);

        NasSearch layers = NasSearchManifests.parse(manifest("FIXED", LAYERS_ONE_CANDIDATE_EACH));
        assertThat(layers.getSpec().getSearchSpace().getLayers()).hasSize(3);
    }

    @Test
    void fixedRejectsASpaceWithAnyChoiceAndSaysHowToSpellOneArchitecture() {
        for (String space : List.of("preset: tiny", "preset: tiny\ncandidates: [xception, shuffle3x3]", LAYERS_ONE_WITH_A_CHOICE,
                LAYER_WITHOUT_CANDIDATES)) {
            assertThat(problems(manifest("FIXED", space)))
                    .as(space)
                    .anySatisfy(p -> {
                        assertThat(p.field()).isEqualTo("spec.searchSpace");
                        assertThat(p.message()).contains("strategy FIXED trains one architecture: give every layer exactly one candidate");
                    });
        }
    }

    @Test
    void dsnasOnASpaceWithoutChoiceIsRejectedAndPointsToFixed() {
        for (String space : List.of(PRESET_ONE_CANDIDATE, LAYERS_ONE_CANDIDATE_EACH)) {
            assertThat(problems(manifest("DSNAS", space)))
                    .as(space)
                    .anySatisfy(p -> {
                        assertThat(p.field()).isEqualTo("spec.searchSpace");
                        assertThat(p.message()).contains("there is nothing to search; use strategy FIXED");
                    });
        }
    }

    private static List<ValidationProblem> problems(String manifest) {
        InvalidNasSearchException rejected = catchThrowableOfType(InvalidNasSearchException.class, () -> NasSearchManifests.parse(manifest));
        assertThat(rejected).as("must be rejected:\n" + manifest).isNotNull();
        return rejected.problems();
    }
}
