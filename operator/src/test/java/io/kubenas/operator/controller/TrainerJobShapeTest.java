package io.kubenas.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubenas.api.v1alpha1.ImageFolderDataset;
import io.kubenas.operator.dependent.TrainerJobDependent;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubenas.api.progress.ProgressContract;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.dependent.SearchObjects;
import io.kubenas.operator.support.CrdSetup;
import io.kubenas.operator.support.FakeCluster;
import io.kubenas.operator.support.Searches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
class TrainerJobShapeTest {
    @Inject
    KubernetesClient client;

    @Test
    void trainerJobRunsRestrictedWithGpusSchedulingQueueAndBudgetDeadline() {
        FakeCluster cluster = new FakeCluster(client);
        NasSearch search = Searches.fashionMnist("shape", "jobs", """
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
        cluster.create(search);

        Job job = cluster.awaitJob("jobs", "shape", 1);
        assertThat(job.getMetadata().getLabels()).containsEntry(SearchObjects.LABEL_KUEUE_QUEUE, "team-a");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("NasSearch"));
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        // 2 device-hours on 2 GPUs: one hour of wall time.
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3600L);

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(120L);
        assertThat(pod.getServiceAccountName()).isEqualTo("shape-trainer");
        assertThat(pod.getNodeSelector()).containsEntry("accelerator", "mi300");
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("gpu"));
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
        assertThat(env).containsEntry(ProgressContract.ENV_PROGRESS_CONFIGMAP, "shape-progress")
                .containsEntry(ProgressContract.ENV_ATTEMPT, "1")
                .containsEntry(ProgressContract.ENV_DEVICE_SECONDS_USED, "0.0")
                .containsEntry("DJL_CACHE_DIR", "/tmp/djl-cache")
                .containsEntry("HOME", "/tmp");
        assertThat(trainer.getVolumeMounts()).extracting(m -> m.getMountPath())
                .containsExactlyInAnyOrder("/etc/kubenas/spec", "/var/lib/kubenas", "/tmp");

        NasSearch seen = cluster.awaitStatus("jobs", "shape", s -> s.getStatus().getAttempts() != null && s.getStatus().getAttempts().getCount() == 1);
        assertThat(seen.getStatus().getPhase()).isEqualTo(Phase.PENDING);
    }

    @Test
    void ownedObjectsHoldTheSpecTheProgressTheTrainersRoleAndTheCheckpointVolume() {
        FakeCluster cluster = new FakeCluster(client);
        NasSearch search = Searches.fashionMnist("owned", "objects", """
                  trainerImage: registry.example/kubenas/trainer:dev
                  checkpoint:
                    storage:
                      size: 20Gi
                      storageClassName: fast
                      accessMode: ReadWriteMany
                """);
        cluster.create(search);
        Job job = cluster.awaitJob("objects", "owned", 1);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/kubenas/trainer:dev");

        ConfigMap spec = client.configMaps().inNamespace("objects").withName("owned-spec").get();
        String json = spec.getData().get(ProgressContract.SPEC_KEY);
        assertThat(json).doesNotContain("\"status\"");
        NasSearch rendered = Serialization.unmarshal(json, NasSearch.class);
        assertThat(rendered.getMetadata().getName()).isEqualTo("owned");
        assertThat(rendered.getMetadata().getUid()).isNotBlank();
        assertThat(rendered.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(rendered.getSpec().getRestartPolicy().getMaxRestarts()).as("schema defaults applied").isEqualTo(3);

        ConfigMap progress = client.configMaps().inNamespace("objects").withName("owned-progress").get();
        assertThat(progress.getData()).containsEntry(ProgressContract.PROGRESS_KEY, "{}");

        Role role = client.rbac().roles().inNamespace("objects").withName("owned-trainer").get();
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getResources()).containsExactly("configmaps");
            assertThat(rule.getResourceNames()).containsExactly("owned-progress");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "patch");
        });
        RoleBinding binding = client.rbac().roleBindings().inNamespace("objects").withName("owned-trainer").get();
        assertThat(binding.getRoleRef().getName()).isEqualTo("owned-trainer");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> assertThat(subject.getName()).isEqualTo("owned-trainer"));
        assertThat(client.serviceAccounts().inNamespace("objects").withName("owned-trainer").get()).isNotNull();

        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace("objects").withName("owned-checkpoints").get();
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("20Gi"));
    }

    @Test
    void datasetVolumeIsMountedReadOnlyForTheTrainer() {
        FakeCluster cluster = new FakeCluster(client);
        NasSearch search = Searches.fashionMnist("folder", "objects", null);
        search.getSpec().getDataset().setBuiltin(null);
        ImageFolderDataset folder = new ImageFolderDataset();
        folder.setClaimName("flowers");
        folder.setTrainPath("train");
        folder.setImageSize(32);
        folder.setChannels(3);
        search.getSpec().getDataset().setImageFolder(folder);
        cluster.create(search);

        PodSpec pod = cluster.awaitJob("objects", "folder", 1).getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null).anySatisfy(v -> {
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("flowers");
            assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue();
        });
        Container trainer = pod.getContainers().get(0);
        assertThat(trainer.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(TrainerJobDependent.DATASET_MOUNT);
            assertThat(m.getReadOnly()).isTrue();
        });
    }
}
