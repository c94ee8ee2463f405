package io.kubenas.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.operator.config.OperatorSettings;
import io.kubenas.operator.policy.Decision;

/**
 * What the reconciler hands to the dependents once status is saved: the search as read (the API server
 * applied its schema defaults), the lifecycle decision, whether the current attempt's trainer still runs (only then is stopping
 * it a deletion), the child as status now records it (what serving serves) and the operator settings. Dependents
 * compute {@code desired()} from it and nothing else.
 */
public record ReconcilePlan(NasSearch search, Decision decision, boolean trainerActive, ChildStatus child, OperatorSettings settings) {
    static final String KEY = ReconcilePlan.class.getName();

    /** Makes the plan available to this reconcile's dependents and conditions. */
    public void attachTo(Context<NasSearch> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    static ReconcilePlan of(Context<NasSearch> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, ReconcilePlan.class);
    }

    String name() {
        return search.getMetadata().getName();
    }
}
