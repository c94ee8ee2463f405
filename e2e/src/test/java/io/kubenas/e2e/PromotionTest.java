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
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import io.kubenas.e2e.cluster.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Promotion of the child to serving on the real control plane, with the scripted stand-in trainer (its {@code serve}
 * answers the health probes, so the real Deployment controller and kubelet take the serving pods to Ready): the
 * Deployment and Service, Ready and Serving, serving turned off again; a finished search with serving disabled; the
 * best child served when the budget runs out; owner references, a retained volume and the garbage collector.
 */
@ExtendWith(TestCluster.class)
class PromotionTest {
    private static final String NAMESPACE = "e2e-promote";
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static Searches searches;
    private static TestCluster cluster;

    @BeforeAll
    static void install(TestCluster testCluster) {
        cluster = testCluster;
        searches = Searches.inRestrictedNamespace(cluster, NAMESPACE);
    }

    private static void apply(String name, String specExtra) {
        searches.apply(name, "  trainerImage: " + ScriptedTrainer.IMAGE + "\n" + specExtra);
    }

    /** Attempt 1 of the search exits 0 leaving the final summary a trainer writes to its termination log. */
    private static void finish(String search, TrainerOutcome outcome, double accuracy) {
        ChildStatus child = new ChildStatus();
        child.setPath("child");
        child.setSha256("beef");
        child.setOps(List.of("shuffle3x3", "xception"));
        child.setParameters(94_000L);
        child.setValidationAccuracy(accuracy);
        ScriptedTrainer.tell(NAMESPACE, search, 1, "exit 0 " + JSON.asJson(new TrainerProgress().withStage(TrainerStage.EXPORTED)
                .withOutcome(outcome).withAttempt(1).withChild(child)));
    }

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
        apply("winner", serving);
        finish("winner", TrainerOutcome.TARGET_REACHED, 0.91);

        NasSearch promoted = searches.await("winner", WAIT, s -> s.getStatus().getPhase() == Phase.PROMOTING
                || s.getStatus().getPhase() == Phase.SERVING);
        assertThat(promoted.getStatus().getChild().getValidationAccuracy()).isEqualTo(0.91);
        assertThat(condition(promoted, "Complete").getReason()).isEqualTo("TargetReached");

        Deployment deployment = Awaitility.await().atMost(WAIT)
                .until(() -> cluster.client().apps().deployments().inNamespace(NAMESPACE).withName("winner-serving").get(), Objects::nonNull);
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
        Service service = cluster.client().services().inNamespace(NAMESPACE).withName("winner-serving").get();
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

        // The real Deployment controller and kubelet take both replicas to Ready.
        NasSearch ready = searches.await("winner", WAIT, s -> s.getStatus().getPhase() == Phase.SERVING);
        assertThat(ready.getStatus().getServing().getUrl()).isEqualTo("http://winner-serving." + NAMESPACE + ".svc:80/v2/models/fashion");
        assertThat(ready.getStatus().getServing().getReadyReplicas()).isEqualTo(2);
        assertThat(condition(ready, "Ready").getStatus()).isEqualTo("True");
        assertThat(events()).contains("ChildExported", "Promoting", "Serving");

        // GitOps turns serving off: the serving objects go, the search is Succeeded.
        apply("winner", serving.replace("    replicas: 2", "    enabled: false\n    replicas: 2"));
        searches.await("winner", WAIT, s -> s.getStatus().getPhase() == Phase.SUCCEEDED);
        Awaitility.await().atMost(WAIT)
                .until(() -> cluster.client().apps().deployments().inNamespace(NAMESPACE).withName("winner-serving").get() == null);
        assertThat(job("winner", 2)).isNull();
    }

    @Test
    void finishedSearchWithServingDisabledSucceeds() {
        apply("quiet", "  serving:\n    enabled: false\n");
        finish("quiet", TrainerOutcome.EPOCHS_COMPLETED, 0.8);

        NasSearch done = searches.await("quiet", WAIT, s -> s.getStatus().getPhase() == Phase.SUCCEEDED);
        assertThat(condition(done, "Complete").getReason()).isEqualTo("EpochsCompleted");
        assertThat(condition(done, "Ready").getReason()).isEqualTo("ServingDisabled");
        assertThat(cluster.client().apps().deployments().inNamespace(NAMESPACE).withName("quiet-serving").get()).isNull();
    }

    @Test
    void exhaustedBudgetPromotesTheBestChildSoFar() {
        apply("thrifty", "  budget:\n    deviceHours: 0.03\n");
        Job job = Awaitility.await().atMost(WAIT).until(() -> job("thrifty", 1), Objects::nonNull);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(108L);
        finish("thrifty", TrainerOutcome.BUDGET_EXHAUSTED, 0.62);

        NasSearch exhausted = searches.await("thrifty", WAIT, s -> s.getStatus().getPhase() == Phase.BUDGET_EXHAUSTED
                && s.getStatus().getServing() != null);
        assertThat(exhausted.getStatus().getChild().getValidationAccuracy()).isEqualTo(0.62);
        assertThat(condition(exhausted, "Complete").getStatus()).isEqualTo("False");
        NasSearch ready = searches.await("thrifty", WAIT, s -> "True".equals(condition(s, "Ready").getStatus()));
        assertThat(ready.getStatus().getPhase()).isEqualTo(Phase.BUDGET_EXHAUSTED);
        assertThat(events()).contains("BudgetExhausted");
    }

    @Test
    void everyOwnedObjectNamesItsSearchAndARetainedVolumeOnlyWhenAskedTo() {
        apply("owner", "  checkpoint:\n    retainOnDelete: true\n");
        Awaitility.await().atMost(WAIT).until(() -> job("owner", 1), Objects::nonNull);
        String uid = searches.get("owner").getMetadata().getUid();

        List<HasMetadata> owned = List.of(
                cluster.client().configMaps().inNamespace(NAMESPACE).withName("owner-spec").get(),
                cluster.client().configMaps().inNamespace(NAMESPACE).withName("owner-progress").get(),
                cluster.client().serviceAccounts().inNamespace(NAMESPACE).withName("owner-trainer").get(),
                cluster.client().rbac().roles().inNamespace(NAMESPACE).withName("owner-trainer").get(),
                cluster.client().rbac().roleBindings().inNamespace(NAMESPACE).withName("owner-trainer").get(),
                job("owner", 1));
        assertThat(owned).allSatisfy(o -> assertThat(o.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid).containsExactly(uid));
        PersistentVolumeClaim claim = cluster.client().persistentVolumeClaims().inNamespace(NAMESPACE).withName("owner-checkpoints").get();
        assertThat(claim.getMetadata().getOwnerReferences()).isEmpty();

        // Changing one's mind before deleting: the claim gets its owner reference, so it goes with the search.
        apply("owner", "  checkpoint:\n    retainOnDelete: false\n");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                cluster.client().persistentVolumeClaims().inNamespace(NAMESPACE).withName("owner-checkpoints").get().getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getUid).containsExactly(uid));

        cluster.kubectl("delete", "nassearch", "owner", "-n", NAMESPACE, "--wait=true");
        Awaitility.await("the garbage collector removes the claim with its search").atMost(WAIT)
                .until(() -> cluster.client().persistentVolumeClaims().inNamespace(NAMESPACE).withName("owner-checkpoints").get() == null);
    }

    private static Job job(String search, int attempt) {
        return cluster.client().batch().v1().jobs().inNamespace(NAMESPACE).withName(search + "-trainer-" + attempt).get();
    }

    private static Condition condition(NasSearch search, String type) {
        return search.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    private static List<String> events() {
        return cluster.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream().map(Event::getReason).toList();
    }
}
