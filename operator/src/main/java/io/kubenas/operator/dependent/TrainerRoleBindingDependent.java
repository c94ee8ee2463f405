package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.kubenas.api.v1alpha1.NasSearch;

/** Binds the trainer Role to the trainer ServiceAccount ({@code <name>-trainer}). */
@KubernetesDependent(informer = @Informer(labelSelector = SearchObjects.SELECT_MANAGED))
public class TrainerRoleBindingDependent extends CRUDKubernetesDependentResource<RoleBinding, NasSearch> {

    public TrainerRoleBindingDependent() {
        super(RoleBinding.class);
    }

    @Override
    protected RoleBinding desired(NasSearch primary, Context<NasSearch> context) {
        NasSearch search = ReconcilePlan.of(context).search();
        String name = SearchObjects.trainerAccount(search.getMetadata().getName());
        return new RoleBindingBuilder()
                .withMetadata(SearchObjects.metadata(search, name, "trainer"))
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(name).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(search.getMetadata().getNamespace()).endSubject()
                .build();
    }
}
