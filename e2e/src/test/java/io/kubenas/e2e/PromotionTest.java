package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Promotion of the child to serving on the real control plane, with the scripted stand-in trainer (its {@code serve}
 * answers the health probes, so the real Deployment controller and kubelet take the serving pods to Ready): the
 * Deployment and Service, Ready and Serving, serving turned off again; a finished search with serving disabled; the
 * best child served when the budget runs out; owner references, a retained volume and the garbage collector.
 */
class PromotionTest extends ClusterTest {
    PromotionTest() {
        super("e2e-promote");
    }

    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void reachedTargetIsPromotedToADeploymentAndServiceAndServesWhenReady() {
        String serving = """
                  target:
                    accuracy: 0.9
                  serving:
                    replicas: 2
                    modelName: fashion
                    maxBatchSize: 32
                    cpu: "1"
                    memory: 1Gi
                """;
        searches.applyScripted("winner", serving);
        ScriptedTrainer.tell(namespace, "winner", 1, "exit 0 " + TrainerReports.finished(TrainerOutcome.TARGET_REACHED, 0.91));

        NasSearch promoted = searches.await("winner", WAIT, s -> s.getStatus().getPhase() == Phase.PROMOTING
                || s.getStatus().getPhase() == Phase.SERVING);
        assertThat(promoted.getStatus().getChild().getValidationAccuracy()).isEqualTo(0.91);
        assertThat(condition(promoted, "Complete").getReason()).isEqualTo("TargetReached");

        Deployment deployment = Awaitility.await().atMost(WAIT)
                .until(() -> cluster.client().apps().deployments().inNamespace(namespace).withName("winner-serving").get(), Objects::nonNull);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        PodSpec spec = deployment.getSpec().getTemplate().getSpec();
        Container serve = spec.getContainers().get(0);
        assertThat(serve.getArgs()).containsExactly("serve", "--child", "/etc/kubenas/child", "--port", "8080",
                "--model-name", "fashion", "--max-batch", "32");
        assertThat(serve.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/ready");
        assertThat(serve.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/live");
        assertThat(serve.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(serve.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
        // The child comes from the ConfigMaps its trainer published, never from the (ReadWriteOnce) checkpoint volume.
        assertThat(spec.getVolumes()).noneSatisfy(v -> assertThat(v.getPersistentVolumeClaim()).isNotNull());
        assertThat(childConfigMaps(deployment)).containsExactly("winner-child-beef0000-0");
        assertThat(promoted.getStatus().getChild().getConfigMaps()).containsExactly("winner-child-beef0000-0");
        assertThat(cluster.client().configMaps().inNamespace(namespace).withName("winner-child-beef0000-0").get().getImmutable()).isTrue();
        assertThat(serve.getVolumeMounts()).filteredOn(m -> m.getMountPath().equals("/etc/kubenas/child"))
                .singleElement().satisfies(m -> assertThat(m.getReadOnly()).isTrue());
        Service service = cluster.client().services().inNamespace(namespace).withName("winner-serving").get();
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

        // The real Deployment controller and kubelet take both replicas to Ready.
        NasSearch ready = searches.await("winner", WAIT, s -> s.getStatus().getPhase() == Phase.SERVING);
        assertThat(ready.getStatus().getServing().getUrl()).isEqualTo("http://winner-serving." + namespace + ".svc:80/v2/models/fashion");
        assertThat(ready.getStatus().getServing().getReadyReplicas()).isEqualTo(2);
        assertThat(condition(ready, "Ready").getStatus()).isEqualTo("True");
        assertThat(events()).contains("ChildExported", "Promoting", "Serving");

        // GitOps turns serving off: the serving objects go, the search is Succeeded.
        searches.applyScripted("winner", serving.replace("    replicas: 2", "    enabled: false\n    replicas: 2"));
        searches.await("winner", WAIT, s -> s.getStatus().getPhase() == Phase.SUCCEEDED);
        Awaitility.await().atMost(WAIT)
                .until(() -> cluster.client().apps().deployments().inNamespace(namespace).withName("winner-serving").get() == null);
        assertThat(searches.job("winner", 2)).isNull();
    }

    @Test
    void finishedSearchWithServingDisabledSucceeds() {
        searches.applyScripted("quiet", "  serving:\n    enabled: false\n");
        ScriptedTrainer.tell(namespace, "quiet", 1, "exit 0 " + TrainerReports.finished(TrainerOutcome.EPOCHS_COMPLETED, 0.8));

        NasSearch done = searches.await("quiet", WAIT, s -> s.getStatus().getPhase() == Phase.SUCCEEDED);
        assertThat(condition(done, "Complete").getReason()).isEqualTo("EpochsCompleted");
        assertThat(condition(done, "Ready").getReason()).isEqualTo("ServingDisabled");
        assertThat(cluster.client().apps().deployments().inNamespace(namespace).withName("quiet-serving").get()).isNull();
    }

    @Test
    void exhaustedBudgetPromotesTheBestChildSoFar() {
        searches.applyScripted("thrifty", "  budget:\n    deviceHours: 0.03\n");
        Job job = searches.awaitJob("thrifty", 1, WAIT);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(108L);
        ScriptedTrainer.tell(namespace, "thrifty", 1, "exit 0 " + TrainerReports.finished(TrainerOutcome.BUDGET_EXHAUSTED, 0.62));

        NasSearch exhausted = searches.await("thrifty", WAIT, s -> s.getStatus().getPhase() == Phase.BUDGET_EXHAUSTED
                && s.getStatus().getServing() != null);
        assertThat(exhausted.getStatus().getChild().getValidationAccuracy()).isEqualTo(0.62);
        assertThat(condition(exhausted, "Complete").getStatus()).isEqualTo("False");
        NasSearch ready = searches.await("thrifty", WAIT, s -> "True".equals(condition(s, "Ready").getStatus()));
        assertThat(ready.getStatus().getPhase()).isEqualTo(Phase.BUDGET_EXHAUSTED);
        assertThat(events()).contains("BudgetExhausted");

        // More budget: a new attempt searches on while the child found so far keeps serving ...
        int next = ready.getStatus().getAttempts().getCount() + 1;
        searches.applyScripted("thrifty", "  budget:\n    deviceHours: 1\n");
        NasSearch resumed = searches.await("thrifty", WAIT, s -> s.getStatus().getAttempts().getCount() == next
                && s.getStatus().getPhase() == Phase.SEARCHING);
        assertThat(condition(resumed, "Ready").getStatus()).as("the old child is still served").isEqualTo("True");
        assertThat(childConfigMaps(deployment("thrifty"))).containsExactly("thrifty-child-beef0000-0");
        // ... until the better child replaces it: the Deployment rolls to its ConfigMaps.
        ScriptedTrainer.tell(namespace, "thrifty", next, "exit 0 " + TrainerReports.finished(TrainerOutcome.EPOCHS_COMPLETED, 0.7, "cafe1234"));
        searches.await("thrifty", WAIT, s -> s.getStatus().getPhase() == Phase.SERVING);
        assertThat(childConfigMaps(deployment("thrifty"))).containsExactly("thrifty-child-cafe1234-0");
    }

    private Deployment deployment(String search) {
        return cluster.client().apps().deployments().inNamespace(namespace).withName(search + "-serving").get();
    }

    private static List<String> childConfigMaps(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getProjected() != null)
                .flatMap(v -> v.getProjected().getSources().stream()).map(s -> s.getConfigMap().getName()).toList();
    }

    @Test
    void everyOwnedObjectNamesItsSearchAndARetainedVolumeOnlyWhenAskedTo() {
        searches.applyScripted("owner", "  checkpoint:\n    retainOnDelete: true\n");
        searches.awaitJob("owner", 1, WAIT);
        String uid = searches.get("owner").getMetadata().getUid();

        List<HasMetadata> owned = List.of(
                cluster.client().configMaps().inNamespace(namespace).withName("owner-spec").get(),
                cluster.client().configMaps().inNamespace(namespace).withName("owner-progress").get(),
                cluster.client().serviceAccounts().inNamespace(namespace).withName("owner-trainer").get(),
                cluster.client().rbac().roles().inNamespace(namespace).withName("owner-trainer").get(),
                cluster.client().rbac().roleBindings().inNamespace(namespace).withName("owner-trainer").get(),
                searches.job("owner", 1));
        assertThat(owned).allSatisfy(o -> assertThat(o.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid).containsExactly(uid));
        PersistentVolumeClaim claim = cluster.client().persistentVolumeClaims().inNamespace(namespace).withName("owner-checkpoints").get();
        assertThat(claim.getMetadata().getOwnerReferences()).isEmpty();

        // Changing one's mind before deleting: the claim gets its owner reference, so it goes with the search.
        searches.applyScripted("owner", "  checkpoint:\n    retainOnDelete: false\n");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                cluster.client().persistentVolumeClaims().inNamespace(namespace).withName("owner-checkpoints").get().getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getUid).containsExactly(uid));

        cluster.kubectl("delete", "nassearch", "owner", "-n", namespace, "--wait=true");
        Awaitility.await("the garbage collector removes the claim with its search").atMost(WAIT)
                .until(() -> cluster.client().persistentVolumeClaims().inNamespace(namespace).withName("owner-checkpoints").get() == null);
    }

    private Condition condition(NasSearch search, String type) {
        return search.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    private List<String> events() {
        return cluster.client().v1().events().inNamespace(namespace).list().getItems().stream().map(Event::getReason).toList();
    }
}
