package io.kubenas.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubenas.api.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the CRD itself says: immutability of what defines a search, and the printer columns. */
class CrdRulesTest {

    static final String RUNNING = SchemaDefaultsTest.MINIMAL + """
              target:
                accuracy: 0.9
            """;

    @Test
    void fieldsThatDefineTheSearchCarryImmutabilityRules() {
        List<String> immutable = CelRules.transitionRules(CrdSchema.openApiV3Schema()).stream()
                .map(CelRules.Rule::path).toList();
        assertThat(immutable).containsExactlyInAnyOrder(
                "spec.strategy", "spec.dataset", "spec.searchSpace", "spec.training", "spec.tenas",
                // the storage object's rule is about its optional storageClassName (set or unset counts as a change)
                "spec.checkpoint.storage", "spec.checkpoint.storage.accessMode");
        assertThat(CelRules.transitionRules(CrdSchema.openApiV3Schema()))
                .allSatisfy(rule -> assertThat(rule.message()).startsWith(rule.path()).contains(" is immutable"));
    }

    @Test
    void changingTheDatasetOrTrainingOfAnExistingSearchIsRejected() {
        String changed = RUNNING.replace("builtin: fashion-mnist", "cifar10:\n      claimName: cifar")
                + "  training:\n    batchSize: 128\n";
        List<ValidationProblem> problems = NasSearchManifests.checkUpdate(RUNNING, changed);
        assertThat(problems).extracting(ValidationProblem::field).containsExactlyInAnyOrder("spec.dataset", "spec.training");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("is immutable"));
    }

    @Test
    void theCheckpointVolumesClassAndAccessModeCannotChangeButItsSizeMay() {
        String withVolume = RUNNING + "  checkpoint:\n    storage:\n      size: 5Gi\n      storageClassName: fast\n";
        String otherClass = withVolume.replace("storageClassName: fast", "storageClassName: slow");
        String addedClass = RUNNING + "  checkpoint:\n    storage:\n      storageClassName: fast\n";
        String otherMode = withVolume + "      accessMode: ReadWriteMany\n";
        assertThat(NasSearchManifests.checkUpdate(withVolume, otherClass)).extracting(ValidationProblem::field)
                .containsExactly("spec.checkpoint.storage.storageClassName");
        assertThat(NasSearchManifests.checkUpdate(RUNNING, addedClass)).extracting(ValidationProblem::field)
                .containsExactly("spec.checkpoint.storage.storageClassName");
        assertThat(NasSearchManifests.checkUpdate(withVolume, otherMode)).extracting(ValidationProblem::field)
                .containsExactly("spec.checkpoint.storage.accessMode");
        assertThat(NasSearchManifests.checkUpdate(withVolume, withVolume.replace("size: 5Gi", "size: 8Gi"))).isEmpty();
    }

    @Test
    void budgetTargetSuspendRestartsAndServingMayChangeWhileRunning() {
        String changed = RUNNING.replace("deviceHours: 1", "deviceHours: 3").replace("accuracy: 0.9", "accuracy: 0.95")
                + "  suspend: true\n  restartPolicy:\n    maxRestarts: 9\n  serving:\n    replicas: 3\n";
        assertThat(NasSearchManifests.checkUpdate(RUNNING, changed)).isEmpty();
    }

    @Test
    void printerColumnsShowStrategyPhaseEpochAccuracyBudgetAndAge() {
        List<String> columns = new ArrayList<>();
        for (JsonNode version : CrdSchema.crd().path("spec").path("versions")) {
            version.path("additionalPrinterColumns").forEach(c -> columns.add(c.path("name").asText() + "=" + c.path("jsonPath").asText()));
        }
        assertThat(columns).containsExactlyInAnyOrder(
                "Strategy=.spec.strategy", "Phase=.status.phase", "Epoch=.status.progress.epoch",
                "Accuracy=.status.progress.bestAccuracy", "Budget-Used=.status.budget.used",
                "Age=.metadata.creationTimestamp");
    }

    @Test
    void statusIsASubresourceSoOnlyTheOperatorWritesIt() {
        JsonNode version = CrdSchema.crd().path("spec").path("versions").get(0);
        assertThat(version.path("subresources").has("status")).isTrue();
        assertThat(CrdSchema.crd().path("spec").path("scope").asText()).isEqualTo("Namespaced");
    }
}
