package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.kubenas.api.v1alpha1.NasSearch;

/** The trainer's ServiceAccount {@code <name>-trainer}: its only permission comes from the trainer Role. */
@KubernetesDependent(informer = @Informer(labelSelector = SearchObjects.SELECT_MANAGED))
public class TrainerServiceAccountDependent extends CRUDKubernetesDependentResource<ServiceAccount, NasSearch> {

    public TrainerServiceAccountDependent() {
        super(ServiceAccount.class);
    }

    @Override
    protected ServiceAccount desired(NasSearch primary, Context<NasSearch> context) {
        NasSearch search = ReconcilePlan.of(context).search();
        ServiceAccount account = new ServiceAccount();
        account.setMetadata(SearchObjects.metadata(search, SearchObjects.trainerAccount(search.getMetadata().getName()), "trainer"));
        return account;
    }
}
