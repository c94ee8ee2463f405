package io.kubenas.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.operator.support.Searches;
import org.junit.jupiter.api.Test;

class SpecDriftTest {
    private static final Quantity FIVE_GI = new Quantity("5Gi");
    private static NasSearchSpec spec(String extra) {
        return Searches.fashionMnist("s", "ns", extra).getSpec();
    }

    @Test
    void theSpecARunningTrainerWasMadeFromHasNoDrift() {
        NasSearchSpec spec = spec("  resources:\n    cpu: \"2\"\n");
        assertThat(SpecDrift.of(spec, SpecDrift.fingerprint(spec), FIVE_GI).none()).isTrue();
    }

    @Test
    void trainerPodFieldsEditedWhileAnAttemptRunsApplyAtTheNextAttempt() {
        String running = SpecDrift.fingerprint(spec("  resources:\n    cpu: \"2\"\n"));
        NasSearchSpec edited = spec("""
                  trainerImage: registry.example.com/kubenas/trainer:0.2.0
                  resources:
                    cpu: "4"
                  env:
                    - name: HTTPS_PROXY
                      value: http://proxy:3128
                """);
        assertThat(SpecDrift.of(edited, running, FIVE_GI).nextAttempt()).containsExactly("spec.trainerImage", "spec.resources", "spec.env");
    }

    @Test
    void editsOutsideTheTrainerPodOrWithNoAttemptRunningAreNotReported() {
        String running = SpecDrift.fingerprint(spec(""));
        assertThat(SpecDrift.of(spec("  budget:\n    deviceHours: 3\n"), running, FIVE_GI).none()).as("the budget follows at once").isTrue();
        assertThat(SpecDrift.of(spec("  trainerImage: other:1\n"), null, FIVE_GI).none()).as("no attempt runs").isTrue();
    }

    @Test
    void aSmallerVolumeThanTheClaimIsReportedAndALargerOneIsNot() {
        NasSearchSpec smaller = spec("  checkpoint:\n    storage:\n      size: 2Gi\n");
        assertThat(SpecDrift.of(smaller, null, FIVE_GI).volumeCannotShrink()).contains("2Gi", "5Gi", "cannot shrink");
        assertThat(SpecDrift.of(spec("  checkpoint:\n    storage:\n      size: 6000Mi\n"), null, FIVE_GI).none()).isTrue();
    }
}
