package io.kubenas.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.status.ConditionType;
import io.kubenas.operator.status.StatusAggregator;
import io.kubenas.operator.support.CrdSetup;
import io.kubenas.operator.support.FakeCluster;
import io.kubenas.operator.support.Reports;
import io.kubenas.operator.support.Searches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The end of a search: promotion to serving, Succeeded without serving, the best child on an exhausted budget, deletion. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
class PromotionTest {
    @Inject
    KubernetesClient client;

    @Test
    void reachedTargetIsPromotedToADeploymentAndServiceAndServesWhenReady() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("winner", "promote", """
                  target:
                    accuracy: 0.9
                  serving:
                    replicas: 2
                    modelName: fashion
                    maxBatchSize: 32
                    cpu: "1"
                    memory: 1Gi
                """));
        Pod pod = cluster.startPod(cluster.awaitJob("promote", "winner", 1), Instant.now().minusSeconds(600));
        cluster.pushProgress("promote", "winner", Reports.searching(1, 3, 0.91));
        cluster.finishPod(pod, 0, "Completed", Reports.finalSummary(1, TrainerOutcome.TARGET_REACHED, Reports.child(0.91)), Instant.now());

        NasSearch promoting = cluster.awaitStatus("promote", "winner", s -> s.getStatus().getPhase() == Phase.PROMOTING);
        assertThat(promoting.getStatus().getChild().getValidationAccuracy()).isEqualTo(0.91);
        assertThat(StatusAggregator.find(promoting.getStatus(), ConditionType.COMPLETE).getReason()).isEqualTo("TargetReached");
        assertThat(StatusAggregator.find(promoting.getStatus(), ConditionType.READY).getStatus()).isEqualTo("False");

        Deployment deployment = await().atMost(FakeCluster.WAIT)
                .until(() -> client.apps().deployments().inNamespace("promote").withName("winner-serving").get(), Objects::nonNull);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        PodSpec spec = deployment.getSpec().getTemplate().getSpec();
        Container serve = spec.getContainers().get(0);
        assertThat(serve.getArgs()).containsExactly("serve", "--child", "/var/lib/kubenas/child", "--port", "8080",
                "--model-name", "fashion", "--max-batch", "32");
        assertThat(serve.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/ready");
        assertThat(serve.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/live");
        assertThat(serve.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(serve.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(serve.getVolumeMounts()).filteredOn(m -> m.getMountPath().equals("/var/lib/kubenas"))
                .singleElement().satisfies(m -> assertThat(m.getReadOnly()).isTrue());
        assertThat(spec.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null).singleElement()
                .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("winner-checkpoints"));
        Service service = client.services().inNamespace("promote").withName("winner-serving").get();
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

        cluster.markDeploymentReady("promote", "winner-serving", 2);
        NasSearch serving = cluster.awaitStatus("promote", "winner", s -> s.getStatus().getPhase() == Phase.SERVING);
        assertThat(serving.getStatus().getServing().getUrl()).isEqualTo("http://winner-serving.promote.svc:80/v2/models/fashion");
        assertThat(serving.getStatus().getServing().getReadyReplicas()).isEqualTo(2);
        assertThat(StatusAggregator.find(serving.getStatus(), ConditionType.READY).getStatus()).isEqualTo("True");
        assertThat(client.v1().events().inNamespace("promote").list().getItems()).extracting(e -> e.getReason())
                .contains("ChildExported", "Promoting", "Serving");

        // GitOps turns serving off: the serving objects go, the search is Succeeded.
        cluster.editSpec("promote", "winner", s -> s.getServing().setEnabled(false));
        cluster.awaitStatus("promote", "winner", s -> s.getStatus().getPhase() == Phase.SUCCEEDED);
        await().atMost(FakeCluster.WAIT).until(() -> client.apps().deployments().inNamespace("promote").withName("winner-serving").get() == null);
        assertThat(cluster.job("promote", "winner", 2)).isNull();
    }

    @Test
    void finishedSearchWithServingDisabledSucceeds() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("quiet", "succeed", "  serving:\n    enabled: false"));
        Pod pod = cluster.startPod(cluster.awaitJob("succeed", "quiet", 1), Instant.now().minusSeconds(60));
        cluster.finishPod(pod, 0, "Completed", Reports.finalSummary(1, TrainerOutcome.EPOCHS_COMPLETED, Reports.child(0.8)), Instant.now());

        NasSearch done = cluster.awaitStatus("succeed", "quiet", s -> s.getStatus().getPhase() == Phase.SUCCEEDED);
        assertThat(StatusAggregator.find(done.getStatus(), ConditionType.COMPLETE).getReason()).isEqualTo("EpochsCompleted");
        assertThat(StatusAggregator.find(done.getStatus(), ConditionType.READY).getReason()).isEqualTo("ServingDisabled");
        assertThat(client.apps().deployments().inNamespace("succeed").list().getItems()).isEmpty();
    }

    @Test
    void exhaustedBudgetPromotesTheBestChildSoFar() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("thrifty", "exhaust", "  budget:\n    deviceHours: 0.01"));
        Job job = cluster.awaitJob("exhaust", "thrifty", 1);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(36L);
        Pod pod = cluster.startPod(job, Instant.now().minusSeconds(40));
        cluster.finishPod(pod, 0, "Completed", Reports.finalSummary(1, TrainerOutcome.BUDGET_EXHAUSTED, Reports.child(0.62)), Instant.now());

        NasSearch exhausted = cluster.awaitStatus("exhaust", "thrifty", s -> s.getStatus().getPhase() == Phase.BUDGET_EXHAUSTED
                && s.getStatus().getServing() != null);
        assertThat(exhausted.getStatus().getChild().getValidationAccuracy()).isEqualTo(0.62);
        assertThat(StatusAggregator.find(exhausted.getStatus(), ConditionType.COMPLETE).getStatus()).isEqualTo("False");
        cluster.markDeploymentReady("exhaust", "thrifty-serving", 1);
        NasSearch ready = cluster.awaitStatus("exhaust", "thrifty",
                s -> "True".equals(StatusAggregator.find(s.getStatus(), ConditionType.READY).getStatus()));
        assertThat(ready.getStatus().getPhase()).isEqualTo(Phase.BUDGET_EXHAUSTED);
        assertThat(client.v1().events().inNamespace("exhaust").list().getItems()).extracting(e -> e.getReason()).contains("BudgetExhausted");
    }

    @Test
    void everyOwnedObjectGoesWithItsSearchExceptARetainedCheckpointVolume() {
        FakeCluster cluster = new FakeCluster(client);
        NasSearch search = cluster.create(Searches.fashionMnist("owner", "delete", "  checkpoint:\n    retainOnDelete: true"));
        cluster.awaitJob("delete", "owner", 1);
        String uid = search.getMetadata().getUid();

        List<HasMetadata> owned = List.of(
                client.configMaps().inNamespace("delete").withName("owner-spec").get(),
                client.configMaps().inNamespace("delete").withName("owner-progress").get(),
                client.serviceAccounts().inNamespace("delete").withName("owner-trainer").get(),
                client.rbac().roles().inNamespace("delete").withName("owner-trainer").get(),
                client.rbac().roleBindings().inNamespace("delete").withName("owner-trainer").get(),
                cluster.job("delete", "owner", 1));
        assertThat(owned).allSatisfy(o -> assertThat(o.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid).containsExactly(uid));
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace("delete").withName("owner-checkpoints").get();
        assertThat(claim.getMetadata().getOwnerReferences()).isEmpty();

        // Changing one's mind before deleting: the claim gets its owner reference, so it goes with the search.
        cluster.editSpec("delete", "owner", spec -> spec.getCheckpoint().setRetainOnDelete(false));
        await().atMost(FakeCluster.WAIT).untilAsserted(() -> assertThat(
                client.persistentVolumeClaims().inNamespace("delete").withName("owner-checkpoints").get().getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getUid).containsExactly(uid));

        // Kubernetes' garbage collector removes what the owner references name (the test server has none).
        client.resources(NasSearch.class).inNamespace("delete").withName("owner").delete();
        await().atMost(FakeCluster.WAIT).until(() -> cluster.get("delete", "owner") == null);
    }
}
