package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.NasSearch;
import java.util.Map;

/** The serving Service {@code <name>-serving}: port 80 to the serving pods' http port. */
@KubernetesDependent(informer = @Informer(labelSelector = SearchObjects.SELECT_MANAGED))
public class ServingServiceDependent extends CRUDKubernetesDependentResource<Service, NasSearch> {
    public static final int PORT = 80;

    public ServingServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(NasSearch primary, Context<NasSearch> context) {
        NasSearch search = ReconcilePlan.of(context).search();
        String name = search.getMetadata().getName();
        return new ServiceBuilder()
                .withMetadata(SearchObjects.metadata(search, SearchObjects.serving(name), "serving"))
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(Map.of(SearchObjects.LABEL_SEARCH, name, SearchObjects.LABEL_COMPONENT, "serving"))
                    .addNewPort().withName("http").withProtocol("TCP").withPort(PORT).withTargetPort(new IntOrString("http")).endPort()
                .endSpec()
                .build();
    }

    /** The in-cluster URL of the served model. */
    public static String url(NasSearch search) {
        return base(search) + "/v2/models/" + ServingDeploymentDependent.modelName(search);
    }

    /** The in-cluster URL of the served child's search report (the serving pods answer it from the child they serve). */
    public static String reportUrl(NasSearch search) {
        return base(search) + PodContract.REPORT_PATH;
    }

    private static String base(NasSearch search) {
        return "http://" + SearchObjects.serving(search.getMetadata().getName()) + "." + search.getMetadata().getNamespace() + ".svc:" + PORT;
    }
}
