package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.NasSearch;
import java.util.Map;

/**
 * The ConfigMap {@code <name>-progress} the trainer pushes its progress into. Created empty and never
 * updated by the operator (the trainer owns its value); its informer is how status follows progress
 * without polling: every patch by the trainer triggers a reconcile of its search.
 */
@KubernetesDependent(informer = @Informer(labelSelector = SearchObjects.SELECT_PROGRESS))
public class ProgressConfigMapDependent extends KubernetesDependentResource<ConfigMap, NasSearch>
        implements Creator<ConfigMap, NasSearch>, GarbageCollected<NasSearch> {

    public ProgressConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(NasSearch primary, Context<NasSearch> context) {
        NasSearch search = ReconcilePlan.of(context).search();
        ConfigMap map = new ConfigMap();
        map.setMetadata(SearchObjects.metadata(search, SearchObjects.progressConfigMap(search.getMetadata().getName()), "progress"));
        map.setData(Map.of(PodContract.PROGRESS_KEY, "{}"));
        return map;
    }
}
