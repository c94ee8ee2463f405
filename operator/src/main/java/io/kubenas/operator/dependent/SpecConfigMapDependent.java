package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.NasSearch;
import java.util.Map;

/**
 * The ConfigMap {@code <name>-spec} the trainer mounts: the whole NasSearch (identity and the defaulted
 * spec) as {@code search.json}. Updated on spec edits; a running trainer sees them through the mounted
 * file, the next attempt certainly.
 */
@KubernetesDependent(informer = @Informer(labelSelector = SearchObjects.SELECT_SPEC))
public class SpecConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, NasSearch> {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    public SpecConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(NasSearch primary, Context<NasSearch> context) {
        NasSearch search = ReconcilePlan.of(context).search();
        ConfigMap map = new ConfigMap();
        map.setMetadata(SearchObjects.metadata(search, SearchObjects.specConfigMap(search.getMetadata().getName()), "spec"));
        map.setData(Map.of(PodContract.SPEC_KEY, render(search)));
        return map;
    }

    /** The NasSearch as the trainer reads it: apiVersion, kind, name, namespace, uid, generation and spec. */
    static String render(NasSearch search) {
        NasSearch copy = new NasSearch();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(search.getMetadata().getName());
        meta.setNamespace(search.getMetadata().getNamespace());
        meta.setUid(search.getMetadata().getUid());
        meta.setGeneration(search.getMetadata().getGeneration());
        copy.setMetadata(meta);
        copy.setSpec(search.getSpec());
        copy.setStatus(null);
        return JSON.asJson(copy);
    }
}
