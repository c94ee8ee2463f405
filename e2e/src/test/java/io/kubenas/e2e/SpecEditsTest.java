package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What a search adds to the pods it runs (pull secrets, affinity, environment, labels and annotations; serving's own
 * scheduling), and how spec edits take effect on the real API server: trainer-pod edits while an attempt runs are
 * reported in the SpecApplied condition until the next attempt has them, a larger checkpoint volume expands the
 * claim, a smaller one is reported, a changed StorageClass is rejected by the schema.
 */
class SpecEditsTest extends ClusterTest {
    private static final Duration WAIT = Duration.ofMinutes(3);

    SpecEditsTest() {
        super("e2e-spec-edits");
    }

    private static final String EXTRAS = """
              restartPolicy:
                backoffSeconds: 1
                maxBackoffSeconds: 1
              imagePullSecrets:
                - name: regcred
              env:
                - name: NCCL_DEBUG
                  value: INFO
              podMetadata:
                labels:
                  cost-center: ml-research
                annotations:
                  cluster-autoscaler.kubernetes.io/safe-to-evict: "false"
              resources:
                affinity:
                  nodeAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 1
                        preference:
                          matchExpressions:
                            - key: kubernetes.io/os
                              operator: In
                              values: [linux]
              serving:
                nodeSelector:
                  pool: serving
                tolerations:
                  - key: serving
                    operator: Exists
                    effect: NoSchedule
            """;

    @Test
    void trainerAndServingPodsCarryTheSearchsExtrasAndTrainerEditsApplyAtTheNextAttempt() {
        searches.applyScripted("extras", EXTRAS);
        searches.await("extras", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        Job first = searches.awaitJob("extras", 1, WAIT);
        PodSpec pod = first.getSpec().getTemplate().getSpec();
        assertThat(pod.getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("regcred");
        assertThat(pod.getAffinity().getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
        assertThat(pod.getContainers().get(0).getEnv()).extracting(EnvVar::getName).contains("NCCL_DEBUG", "KUBENAS_ATTEMPT");
        var podMeta = first.getSpec().getTemplate().getMetadata();
        assertThat(podMeta.getLabels()).containsEntry("cost-center", "ml-research").containsEntry("kubenas.io/search", "extras");
        assertThat(podMeta.getAnnotations()).containsEntry("cluster-autoscaler.kubernetes.io/safe-to-evict", "false");
        assertThat(specApplied(searches.get("extras")).getStatus()).isEqualTo("True");

        // An edit of the trainer pod while attempt 1 runs: said, not ignored, until attempt 2 has it.
        searches.applyScripted("extras", EXTRAS.replace("value: INFO", "value: WARN"));
        NasSearch pending = searches.await("extras", WAIT, s -> "False".equals(specApplied(s).getStatus()));
        assertThat(specApplied(pending).getReason()).isEqualTo("AppliesAtNextAttempt");
        assertThat(specApplied(pending).getMessage()).contains("spec.env", "next attempt");
        ScriptedTrainer.tell(namespace, "extras", 1, "exit 75");
        searches.await("extras", WAIT, s -> s.getStatus().getAttempts().getCount() == 2 && "True".equals(specApplied(s).getStatus()));
        assertThat(searches.awaitJob("extras", 2, WAIT).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> assertThat(e).isEqualTo(new EnvVar("NCCL_DEBUG", "WARN", null)));

        // Promoted: the serving pods get the same extras and serving's own scheduling.
        ScriptedTrainer.tell(namespace, "extras", 2, "exit 0 " + TrainerReports.finished(TrainerOutcome.EPOCHS_COMPLETED, 0.9));
        Deployment serving = Awaitility.await("the serving Deployment").atMost(WAIT)
                .until(() -> cluster.client().apps().deployments().inNamespace(namespace).withName("extras-serving").get(), d -> d != null);
        PodSpec servingPod = serving.getSpec().getTemplate().getSpec();
        assertThat(servingPod.getNodeSelector()).containsEntry("pool", "serving");
        assertThat(servingPod.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("serving"));
        assertThat(servingPod.getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("regcred");
        assertThat(servingPod.getContainers().get(0).getEnv()).extracting(EnvVar::getName).contains("NCCL_DEBUG");
        assertThat(serving.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("cost-center", "ml-research");
    }

    @Test
    void aLargerCheckpointVolumeIsExpandedASmallerOneReportedAndAnotherStorageClassRejected() {
        String volume = "  checkpoint:\n    storage:\n      size: 1Gi\n";
        searches.applyScripted("volume", volume);
        searches.await("volume", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);

        searches.applyScripted("volume", volume.replace("1Gi", "2Gi"));
        Awaitility.await("the claim is expanded").atMost(WAIT).untilAsserted(() -> assertThat(claim("volume").getSpec().getResources()
                .getRequests().get("storage")).isEqualTo(new Quantity("2Gi")));

        searches.applyScripted("volume", volume.replace("1Gi", "512Mi"));
        NasSearch shrink = searches.await("volume", WAIT, s -> "VolumeCannotShrink".equals(specApplied(s).getReason()));
        assertThat(specApplied(shrink).getMessage()).contains("512Mi", "2Gi");
        assertThat(claim("volume").getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("2Gi"));

        String refused = kubectlFails("patch", "nassearch", "volume", "-n", namespace, "--type", "merge",
                "-p", "{\"spec\":{\"checkpoint\":{\"storage\":{\"storageClassName\":\"fast\"}}}}");
        assertThat(refused).contains("spec.checkpoint.storage.storageClassName", "immutable");
        ScriptedTrainer.tell(namespace, "volume", 1, "exit 75");
    }

    private String kubectlFails(String... args) {
        try {
            cluster.kubectl(args);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("kubectl " + String.join(" ", args) + " was accepted");
    }

    private static Condition specApplied(NasSearch search) {
        return search.getStatus().getConditions().stream().filter(c -> "SpecApplied".equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("no SpecApplied condition in " + search.getStatus()));
    }

    private PersistentVolumeClaim claim(String search) {
        return cluster.client().persistentVolumeClaims().inNamespace(namespace).withName(search + "-checkpoints").get();
    }
}
