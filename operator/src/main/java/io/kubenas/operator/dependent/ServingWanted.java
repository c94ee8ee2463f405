package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubenas.api.v1alpha1.NasSearch;

/** Precondition of the serving Deployment and Service: a child exists and serving is enabled. */
public class ServingWanted implements Condition<HasMetadata, NasSearch> {
    @Override
    public boolean isMet(DependentResource<HasMetadata, NasSearch> dependent, NasSearch primary, Context<NasSearch> context) {
        return ReconcilePlan.of(context).decision().serve();
    }
}
