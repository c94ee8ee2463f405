package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The objects the operator creates for a search, as the real API server stores them (after its admission: the
 * namespace enforces the restricted Pod Security Standard) and as the real scheduler treats the trainer pod.
 */
class TrainerJobShapeTest extends ClusterTest {
    TrainerJobShapeTest() {
        super("e2e-shape");
    }

    private static final Duration WAIT = Duration.ofMinutes(3);

    @BeforeAll
    void priorityClass() {
        cluster.client().resource(new PriorityClassBuilder().withNewMetadata().withName("research").endMetadata()
                .withValue(1000).build()).serverSideApply();
    }

    /**
     * The queue the "shape" search names (the cluster runs Kueue): quota for what it asks, on a flavor without node
     * labels, so that Kueue admits its Job and the scheduler, not the queue, decides where its pod goes.
     */
    @BeforeAll
    void kueueQueue() {
        searches.applyManifest("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ResourceFlavor
                metadata:
                  name: e2e-shape-any
                ---
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ClusterQueue
                metadata:
                  name: e2e-shape
                spec:
                  namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: e2e-shape
                  resourceGroups:
                    - coveredResources: ["cpu", "memory", "amd.com/gpu"]
                      flavors:
                        - name: e2e-shape-any
                          resources:
                            - {name: cpu, nominalQuota: 8}
                            - {name: memory, nominalQuota: 16Gi}
                            - {name: amd.com/gpu, nominalQuota: 2}
                ---
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: LocalQueue
                metadata:
                  name: team-a
                  namespace: e2e-shape
                spec:
                  clusterQueue: e2e-shape
                """);
    }

    @Test
    void trainerJobRunsRestrictedWithGpusSchedulingQueueAndBudgetDeadline() {
        searches.apply("shape", """
                  budget:
                    deviceHours: 2
                  resources:
                    gpus: 2
                    gpuResourceName: amd.com/gpu
                    cpu: "4"
                    memory: 8Gi
                    nodeSelector:
                      accelerator: mi300
                    tolerations:
                      - key: gpu
                        operator: Exists
                        effect: NoSchedule
                    priorityClassName: research
                    queueName: team-a
                """);
        Job job = searches.awaitJob("shape", 1, WAIT);
        assertThat(job.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "team-a");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("NasSearch"));
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        // 2 device-hours on 2 GPUs: one hour of wall time.
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3600L);

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(120L);
        assertThat(pod.getServiceAccountName()).isEqualTo("shape-trainer");
        assertThat(pod.getNodeSelector()).containsEntry("accelerator", "mi300");
        assertThat(pod.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("gpu"));
        assertThat(pod.getPriorityClassName()).isEqualTo("research");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        Container trainer = pod.getContainers().get(0);
        assertThat(trainer.getImage()).isEqualTo("ghcr.io/kubenas/trainer:0.1.0");
        assertThat(trainer.getArgs()).containsExactly("search", "--spec", "/etc/kubenas/spec/search.json", "--workdir", "/var/lib/kubenas",
                "--grace-period", "110");
        assertThat(trainer.getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(trainer.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(trainer.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(trainer.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(trainer.getResources().getLimits()).containsEntry("amd.com/gpu", new Quantity("2"))
                .containsEntry("cpu", new Quantity("4")).containsEntry("memory", new Quantity("8Gi"));
        assertThat(trainer.getResources().getRequests()).containsEntry("amd.com/gpu", new Quantity("2"));
        Map<String, String> env = trainer.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertThat(env).containsEntry(PodContract.ENV_PROGRESS_CONFIGMAP, "shape-progress")
                .containsEntry(PodContract.ENV_ATTEMPT, "1")
                .containsEntry(PodContract.ENV_DEVICE_SECONDS_USED, "0.0")
                .containsEntry(PodContract.ENV_WALL_SECONDS_USED, "0.0")
                .containsEntry("HOME", "/tmp");
        // The image's own ENV says where DJL's natives are (the CUDA image bakes them in /opt/djl-cache), and a
        // trainer given GPUs loads the image's libtorch (only pods given none are pointed at the bundled CPU one).
        assertThat(trainer.getEnv()).extracting(EnvVar::getName).doesNotContain("DJL_CACHE_DIR", PodContract.ENV_PYTORCH_LIBRARY_PATH);
        assertThat(trainer.getVolumeMounts()).extracting(m -> m.getMountPath())
                .contains("/etc/kubenas/spec", "/var/lib/kubenas", "/tmp");

        // Kueue admitted the Job; its pod passed the restricted PodSecurity admission; no node offers amd.com/gpu, so the
        // real scheduler leaves it Pending, and the search says why.
        NasSearch seen = searches.await("shape", WAIT, s -> s.getStatus().getConditions().stream()
                .anyMatch(c -> "Progressing".equals(c.getType()) && c.getMessage() != null && c.getMessage().contains("Unschedulable")));
        assertThat(seen.getStatus().getPhase()).isEqualTo(Phase.PENDING);
        assertThat(seen.getStatus().getConditions()).filteredOn(c -> "Progressing".equals(c.getType())).singleElement()
                .satisfies(c -> assertThat(c.getReason()).as("the condition's reason names the cause").isEqualTo("Unschedulable"));
        assertThat(seen.getStatus().getAttempts().getCount()).isEqualTo(1);
    }

    @Test
    void gpuTrainerIsPlacedByTheSchedulerOnANodeWithGpus() {
        searches.apply("gpus", """
                  trainerImage: %s
                  resources:
                    gpus: 2
                """.formatted(ScriptedTrainer.IMAGE));
        searches.await("gpus", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        Pod pod = searches.pods("gpus-trainer-1-").get(0);
        assertThat(pod.getSpec().getNodeName()).as("the only node with 2 nvidia.com/gpu").isEqualTo("gpu-a");
        ScriptedTrainer.tell(namespace, "gpus", 1, "exit 75");
    }

    @Test
    void ownedObjectsHoldTheSpecTheProgressTheTrainersRoleAndTheCheckpointVolume() {
        searches.apply("owned", """
                  trainerImage: registry.example/kubenas/trainer:dev
                  checkpoint:
                    storage:
                      size: 20Gi
                      storageClassName: fast
                      accessMode: ReadWriteMany
                """);
        Job job = searches.awaitJob("owned", 1, WAIT);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/kubenas/trainer:dev");

        ConfigMap spec = cluster.client().configMaps().inNamespace(namespace).withName("owned-spec").get();
        String json = spec.getData().get(PodContract.SPEC_KEY);
        assertThat(json).doesNotContain("\"status\"");
        NasSearch rendered = new KubernetesSerialization().unmarshal(json, NasSearch.class);
        assertThat(rendered.getMetadata().getName()).isEqualTo("owned");
        assertThat(rendered.getMetadata().getUid()).isNotBlank();
        assertThat(rendered.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(rendered.getSpec().getRestartPolicy().getMaxRestarts()).as("the API server's schema defaults").isEqualTo(3);

        ConfigMap progress = cluster.client().configMaps().inNamespace(namespace).withName("owned-progress").get();
        assertThat(progress.getData()).containsEntry(PodContract.PROGRESS_KEY, "{}");

        Role role = cluster.client().rbac().roles().inNamespace(namespace).withName("owned-trainer").get();
        assertThat(role.getRules()).hasSize(2).allSatisfy(rule -> assertThat(rule.getResources()).containsExactly("configmaps"));
        assertThat(role.getRules()).anySatisfy(rule -> {
            assertThat(rule.getResourceNames()).containsExactly("owned-progress");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "patch");
        });
        // The exported child's immutable ConfigMaps: create only (RBAC cannot scope create by name).
        assertThat(role.getRules()).anySatisfy(rule -> {
            assertThat(rule.getResourceNames()).isNullOrEmpty();
            assertThat(rule.getVerbs()).containsExactly("create");
        });
        RoleBinding binding = cluster.client().rbac().roleBindings().inNamespace(namespace).withName("owned-trainer").get();
        assertThat(binding.getRoleRef().getName()).isEqualTo("owned-trainer");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> assertThat(subject.getName()).isEqualTo("owned-trainer"));
        assertThat(cluster.client().serviceAccounts().inNamespace(namespace).withName("owned-trainer").get()).isNotNull();

        PersistentVolumeClaim claim = cluster.client().persistentVolumeClaims().inNamespace(namespace).withName("owned-checkpoints").get();
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("20Gi"));
    }

    @Test
    void datasetVolumeIsMountedReadOnlyForTheTrainer() {
        String manifest = Searches.manifest("images", namespace, "").replace("    builtin: fashion-mnist\n", """
                    imageFolder:
                      claimName: flowers
                      trainPath: train
                      imageSize: 32
                      channels: 3
                """);
        searches.applyManifest(manifest);

        PodSpec pod = searches.awaitJob("images", 1, WAIT).getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null).anySatisfy(v -> {
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("flowers");
            assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue();
        });
        Container trainer = pod.getContainers().get(0);
        assertThat(trainer.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/data");
            assertThat(m.getReadOnly()).isTrue();
        });
    }
}
