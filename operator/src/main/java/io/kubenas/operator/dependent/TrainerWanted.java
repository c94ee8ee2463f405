package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubenas.api.v1alpha1.NasSearch;

/**
 * Precondition of the trainer Job: the lifecycle decided an attempt should run. When it does not hold
 * (suspended, finished, backing off) the current attempt's Job is deleted, which stops its pod gracefully.
 */
public class TrainerWanted implements Condition<Job, NasSearch> {
    @Override
    public boolean isMet(DependentResource<Job, NasSearch> dependent, NasSearch primary, Context<NasSearch> context) {
        return ReconcilePlan.of(context).decision().trainer() != null;
    }
}
