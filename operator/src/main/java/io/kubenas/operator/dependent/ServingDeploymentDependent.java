package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.ServingSpec;
import io.kubenas.operator.config.OperatorSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The serving Deployment {@code <name>-serving}: the trainer image running {@code serve} on the exported
 * child, which it reads from the checkpoint volume mounted read-only (KServe Open Inference Protocol v2).
 */
@KubernetesDependent(informer = @Informer(labelSelector = SearchObjects.SELECT_MANAGED))
public class ServingDeploymentDependent extends CRUDKubernetesDependentResource<Deployment, NasSearch> {
    public ServingDeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected Deployment desired(NasSearch primary, Context<NasSearch> context) {
        ReconcilePlan plan = ReconcilePlan.of(context);
        NasSearch search = plan.search();
        OperatorSettings settings = plan.settings();
        ServingSpec serving = search.getSpec().getServing();
        String name = SearchObjects.serving(search.getMetadata().getName());

        Deployment deployment = Templates.load(Deployment.class, "serving-deployment.yaml");
        deployment.setMetadata(SearchObjects.metadata(search, name, "serving"));
        Map<String, String> selector = Map.of(SearchObjects.LABEL_SEARCH, search.getMetadata().getName(), SearchObjects.LABEL_COMPONENT, "serving");
        deployment.getSpec().setSelector(new LabelSelector(null, new LinkedHashMap<>(selector)));
        deployment.getSpec().setReplicas(serving.getReplicas());
        ObjectMeta podMeta = new ObjectMeta();
        podMeta.setLabels(new LinkedHashMap<>(deployment.getMetadata().getLabels()));
        deployment.getSpec().getTemplate().setMetadata(podMeta);

        // The child's ConfigMaps, all keys into one folder: a new child means new names, so the Deployment rolls.
        List<String> maps = plan.child() == null || plan.child().getConfigMaps() == null ? List.of() : plan.child().getConfigMaps();
        List<VolumeProjection> child = maps.stream()
                .map(map -> new VolumeProjectionBuilder().withNewConfigMap().withName(map).endConfigMap().build()).toList();
        for (Volume volume : deployment.getSpec().getTemplate().getSpec().getVolumes()) {
            if (volume.getProjected() != null) {
                volume.getProjected().setSources(child);
            }
        }
        Container serve = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        serve.setImage(search.getSpec().getTrainerImage() != null ? search.getSpec().getTrainerImage() : settings.trainerImage());
        serve.setImagePullPolicy(settings.imagePullPolicy());
        serve.getPorts().get(0).setContainerPort(settings.servingPort());
        serve.setArgs(List.of("serve",
                "--child", PodContract.CHILD_CONFIGMAPS_DIR,
                "--port", String.valueOf(settings.servingPort()),
                "--model-name", modelName(search),
                "--max-batch", String.valueOf(serving.getMaxBatchSize())));
        serve.setResources(requirements(serving));
        // Serving gets no GPU: the bundled CPU libtorch, also in the CUDA image (PodContract.ENV_PYTORCH_LIBRARY_PATH).
        serve.getEnv().add(new EnvVar(PodContract.ENV_PYTORCH_LIBRARY_PATH, "", null));
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        pod.setNodeSelector(serving.getNodeSelector());
        pod.setTolerations(serving.getTolerations());
        PodExtras.apply(search.getSpec(), settings, podMeta, pod, serve);
        return deployment;
    }

    /** The model name in the inference API: spec.serving.modelName, else the search's name. */
    public static String modelName(NasSearch search) {
        String model = search.getSpec().getServing().getModelName();
        return model != null ? model : search.getMetadata().getName();
    }

    private static ResourceRequirements requirements(ServingSpec serving) {
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        if (serving.getCpu() != null) {
            amounts.put("cpu", new Quantity(serving.getCpu()));
        }
        if (serving.getMemory() != null) {
            amounts.put("memory", new Quantity(serving.getMemory()));
        }
        ResourceRequirements requirements = new ResourceRequirements();
        requirements.setRequests(amounts.isEmpty() ? null : new LinkedHashMap<>(amounts));
        requirements.setLimits(amounts.isEmpty() ? null : amounts);
        return requirements;
    }
}
