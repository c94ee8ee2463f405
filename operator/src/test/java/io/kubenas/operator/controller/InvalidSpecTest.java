package io.kubenas.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.status.ConditionType;
import io.kubenas.operator.status.StatusAggregator;
import io.kubenas.operator.support.CrdSetup;
import io.kubenas.operator.support.FakeCluster;
import io.kubenas.operator.support.Searches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
class InvalidSpecTest {
    private static final String NS = "invalid";

    @Inject
    KubernetesClient client;

    @Test
    void invalidSpecIsReportedWithEveryProblemAndNothingIsCreatedUntilItIsFixed() {
        FakeCluster cluster = new FakeCluster(client);
        NasSearch search = Searches.fashionMnist("broken", NS, null);
        // Semantically invalid, which the schema cannot catch: warm-up as long as the search, GPU name without GPUs.
        search.getSpec().getTraining().setWarmupEpochs(3);
        search.getSpec().getResources().setGpuResourceName("nvidia.com/gpu");
        cluster.create(search);

        NasSearch seen = cluster.awaitStatus(NS, "broken", s -> StatusAggregator.find(s.getStatus(), ConditionType.VALID) != null);
        Condition valid = StatusAggregator.find(seen.getStatus(), ConditionType.VALID);
        assertThat(valid.getStatus()).isEqualTo("False");
        assertThat(valid.getReason()).isEqualTo("InvalidSpec");
        assertThat(valid.getMessage()).contains("spec.training.warmupEpochs").contains("spec.resources.gpus");
        assertThat(valid.getObservedGeneration()).isEqualTo(seen.getMetadata().getGeneration());
        assertThat(seen.getStatus().getPhase()).isEqualTo(Phase.FAILED);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(client.configMaps().inNamespace(NS).list().getItems()).isEmpty();
            assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
            assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).isEmpty();
            assertThat(client.serviceAccounts().inNamespace(NS).list().getItems()).isEmpty();
        });
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("SpecInvalid"));

        cluster.editSpec(NS, "broken", spec -> {
            spec.getTraining().setWarmupEpochs(0);
            spec.getResources().setGpuResourceName(null);
        });
        cluster.awaitJob(NS, "broken", 1);
        NasSearch fixed = cluster.awaitStatus(NS, "broken", s -> "True".equals(StatusAggregator.find(s.getStatus(), ConditionType.VALID).getStatus()));
        assertThat(fixed.getStatus().getPhase()).isEqualTo(Phase.PENDING);
        assertThat(fixed.getStatus().getObservedGeneration()).isEqualTo(fixed.getMetadata().getGeneration());
    }
}
