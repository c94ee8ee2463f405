package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.kubenas.api.v1alpha1.NasSearch;
import java.util.List;

/**
 * The trainer's Role {@code <name>-trainer}: get and patch on its own progress ConfigMap, by name, and create on
 * ConfigMaps (the exported child's immutable ones), nothing else.
 */
@KubernetesDependent(informer = @Informer(labelSelector = SearchObjects.SELECT_MANAGED))
public class TrainerRoleDependent extends CRUDKubernetesDependentResource<Role, NasSearch> {

    public TrainerRoleDependent() {
        super(Role.class);
    }

    @Override
    protected Role desired(NasSearch primary, Context<NasSearch> context) {
        NasSearch search = ReconcilePlan.of(context).search();
        String name = search.getMetadata().getName();
        Role role = Templates.load(Role.class, "trainer-role.yaml");
        role.setMetadata(SearchObjects.metadata(search, SearchObjects.trainerAccount(name), "trainer"));
        role.getRules().get(0).setResourceNames(List.of(SearchObjects.progressConfigMap(name)));
        return role;
    }
}
