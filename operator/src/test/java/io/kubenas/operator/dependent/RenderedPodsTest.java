package io.kubenas.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.kubenas.api.budget.Usage;
import io.kubenas.api.progress.LogFormat;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.AttemptsStatus;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.config.OperatorSettings;
import io.kubenas.operator.policy.Activity;
import io.kubenas.operator.policy.Decision;
import io.kubenas.operator.policy.TrainerRun;
import io.kubenas.operator.support.Searches;
import io.smallrye.config.WithDefault;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The trainer and serving pods as the dependents render them for a GPU search (template, then what
 * {@code desired()} adds), without an API server: the reconcile plan is handed over as the reconciler does.
 */
class RenderedPodsTest {
    private static final NasSearch SEARCH = Searches.fashionMnist("gpu", "team", "  resources:\n    gpus: 2");

    @Test
    void neitherPodOverridesTheDjlCacheOfItsImage() {
        // The CUDA image's natives are baked in its own DJL_CACHE_DIR; a pod-level value hid them.
        assertThat(names(trainer().getEnv())).doesNotContain("DJL_CACHE_DIR");
        assertThat(names(serving().getEnv())).doesNotContain("DJL_CACHE_DIR");
    }

    @Test
    void podsGivenNoGpuLoadTheBundledCpuLibtorchAndTheGpuTrainerTheImagesOwn() {
        // An empty PYTORCH_LIBRARY_PATH makes DJL skip its override: the CUDA image's natives need the GPU driver.
        EnvVar cpuLibtorch = new EnvVar(PodContract.ENV_PYTORCH_LIBRARY_PATH, "", null);
        NasSearch cpuSearch = Searches.fashionMnist("cpu", "team", null);
        assertThat(trainer(cpuSearch).getEnv()).contains(cpuLibtorch);
        assertThat(serving().getEnv()).contains(cpuLibtorch);
        assertThat(names(trainer().getEnv())).doesNotContain(PodContract.ENV_PYTORCH_LIBRARY_PATH);
    }

    @Test
    void bothPodsKeepAWritableHomeOnTheirReadOnlyRootFileSystem() {
        for (Container container : List.of(trainer(), serving())) {
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getEnv()).contains(new EnvVar("HOME", "/tmp", null));
            assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        }
    }

    @Test
    void servingLoadsTheChildFromItsPublishedConfigMapsNeverFromTheCheckpointVolume() {
        PodSpec pod = new ServingDeploymentDependent().desired(SEARCH, planned(SEARCH)).getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).noneSatisfy(v -> assertThat(v.getPersistentVolumeClaim()).isNotNull());
        assertThat(pod.getVolumes()).filteredOn(v -> v.getProjected() != null).singleElement()
                .satisfies(v -> assertThat(v.getProjected().getSources()).extracting(p -> p.getConfigMap().getName())
                        .containsExactly("gpu-child-beef0000-0"));
        assertThat(pod.getContainers().get(0).getArgs()).containsSequence("--child", PodContract.CHILD_CONFIGMAPS_DIR);
    }

    @Test
    void theTrainerIsToldWhereToPublishItsChildAndForWhichSearch() {
        NasSearch search = Searches.fashionMnist("gpu", "team", "  resources:\n    gpus: 2");
        search.getMetadata().setUid("uid-7");
        List<EnvVar> env = trainer(search).getEnv();
        assertThat(env).contains(new EnvVar(PodContract.ENV_CHILD_CONFIGMAPS, "gpu-child", null), new EnvVar(PodContract.ENV_SEARCH_UID, "uid-7", null));
    }

    @Test
    void aSearchsPullSecretsEnvironmentAndPodMetadataReachBothPodsWithoutOverridingTheOperators() {
        NasSearch search = Searches.fashionMnist("extras", "team", """
                  imagePullSecrets:
                    - name: regcred
                  env:
                    - name: HTTPS_PROXY
                      value: http://proxy:3128
                    - name: HOME
                      value: /home/me
                  podMetadata:
                    labels:
                      cost-center: ml
                """);
        Job job = new TrainerJobDependent().desired(search, planned(search));
        Deployment serving = new ServingDeploymentDependent().desired(search, planned(search));
        for (var template : List.of(job.getSpec().getTemplate(), serving.getSpec().getTemplate())) {
            assertThat(template.getSpec().getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("regcred");
            assertThat(template.getMetadata().getLabels()).containsEntry("cost-center", "ml").containsEntry("kubenas.io/search", "extras");
            List<EnvVar> env = template.getSpec().getContainers().get(0).getEnv();
            assertThat(env).contains(new EnvVar("HTTPS_PROXY", "http://proxy:3128", null), new EnvVar("HOME", "/tmp", null));
            assertThat(env).doesNotContain(new EnvVar("HOME", "/home/me", null));
        }
    }

    @Test
    void aQueuedSearchsTrainerJobIsCreatedSuspendedInItsQueueAndOthersAreNot() {
        NasSearch queued = Searches.fashionMnist("queued", "team", "  resources:\n    gpus: 1\n    queueName: nas-research");
        Job job = new TrainerJobDependent().desired(queued, planned(queued));
        assertThat(job.getSpec().getSuspend()).isTrue();
        assertThat(job.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "nas-research");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("kueue.x-k8s.io/queue-name");
        assertThat(new TrainerJobDependent().desired(SEARCH, planned(SEARCH)).getSpec().getSuspend()).isNull();
    }

    @Test
    void trainerJobsNameNamesItsSearch() {
        assertThat(SearchObjects.searchOfTrainerJob(SearchObjects.trainerJob("my-trainer-3", 12))).contains("my-trainer-3");
        assertThat(SearchObjects.searchOfTrainerJob("my-serving")).isEmpty();
    }

    @Test
    void bothPodsAreToldToWriteJsonLinesWhenTheOperatorIsSetToJson() {
        OperatorSettings json = settings(Map.of("logFormat", LogFormat.JSON));
        Job job = new TrainerJobDependent().desired(SEARCH, planned(SEARCH, json));
        Deployment serving = new ServingDeploymentDependent().desired(SEARCH, planned(SEARCH, json));
        for (var template : List.of(job.getSpec().getTemplate(), serving.getSpec().getTemplate())) {
            assertThat(template.getSpec().getContainers().get(0).getEnv()).contains(new EnvVar(PodContract.ENV_LOG_FORMAT, "json", null));
        }
    }

    @Test
    void withTheDefaultTextFormatNeitherPodGetsTheVariableSoTheirTemplatesDoNotChange() {
        // Unset means text to the trainer image; setting it anyway would roll every serving Deployment on an operator upgrade.
        assertThat(names(trainer().getEnv())).doesNotContain(PodContract.ENV_LOG_FORMAT);
        assertThat(names(serving().getEnv())).doesNotContain(PodContract.ENV_LOG_FORMAT);
    }

    private static Container trainer() {
        return trainer(SEARCH);
    }

    private static Container trainer(NasSearch search) {
        Job job = new TrainerJobDependent().desired(search, planned(search));
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Container serving() {
        Deployment deployment = new ServingDeploymentDependent().desired(SEARCH, planned(SEARCH));
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static List<String> names(List<EnvVar> env) {
        return env.stream().map(EnvVar::getName).toList();
    }

    private static Context<NasSearch> planned(NasSearch search) {
        return planned(search, settings(Map.of()));
    }

    /** A context whose only content is the plan, as {@link ReconcilePlan#attachTo} leaves it for the dependents. */
    @SuppressWarnings("unchecked")
    private static Context<NasSearch> planned(NasSearch search, OperatorSettings settings) {
        AttemptsStatus attempts = new AttemptsStatus();
        attempts.setCount(1);
        Decision decision = new Decision(Phase.PENDING, Activity.STARTING_TRAINER, "starting attempt 1", attempts,
                new TrainerRun(1, Usage.NONE, 2, 1800L), true, false, null, null);
        ChildStatus child = ChildStatus.builder().sha256("beef").configMaps(List.of(search.getMetadata().getName() + "-child-beef0000-0")).build();
        ReconcilePlan plan = new ReconcilePlan(search, decision, false, child, settings);
        ManagedWorkflowAndDependentResourceContext holder = (ManagedWorkflowAndDependentResourceContext) Proxy.newProxyInstance(
                RenderedPodsTest.class.getClassLoader(), new Class<?>[] {ManagedWorkflowAndDependentResourceContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getMandatory" -> plan;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Context<NasSearch>) Proxy.newProxyInstance(RenderedPodsTest.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "managedWorkflowAndDependentResourceContext" -> holder;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The operator's settings at their defaults ({@code @WithDefault}) but for {@code overrides} (by method), with a trainer image. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static OperatorSettings settings(Map<String, Object> overrides) {
        return (OperatorSettings) Proxy.newProxyInstance(RenderedPodsTest.class.getClassLoader(), new Class<?>[] {OperatorSettings.class},
                (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    if (method.getName().equals("trainerImage")) {
                        return "ghcr.io/kubenas/trainer:0.1.0";
                    }
                    WithDefault value = method.getAnnotation(WithDefault.class);
                    if (value == null) {
                        return Optional.empty();
                    }
                    Class<?> type = method.getReturnType();
                    return type == Duration.class ? Duration.parse("PT" + value.value().toUpperCase(Locale.ROOT))
                            : type == int.class ? Integer.parseInt(value.value())
                            : type == boolean.class ? (Object) Boolean.parseBoolean(value.value())
                            : type.isEnum() ? Enum.valueOf((Class) type, value.value().toUpperCase(Locale.ROOT)) : value.value();
                });
    }
}
