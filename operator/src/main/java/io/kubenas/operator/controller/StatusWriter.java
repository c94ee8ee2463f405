package io.kubenas.operator.controller;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchStatus;

/**
 * Writes a search's status, and only its status: by server-side apply in production, by a JSON patch where
 * the API server cannot apply status (the test server). Either way the written resource goes into the
 * informer cache, so the next reconcile reads what was written.
 */
final class StatusWriter {
    private StatusWriter() {
    }

    static NasSearch write(NasSearch search, NasSearchStatus status, Context<NasSearch> context) {
        boolean ssa = context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource();
        if (ssa) {
            NasSearch fresh = new NasSearch();
            fresh.setMetadata(new ObjectMetaBuilder()
                    .withName(search.getMetadata().getName())
                    .withNamespace(search.getMetadata().getNamespace())
                    .build());
            fresh.setStatus(status);
            return context.resourceOperations().serverSideApplyPrimaryStatus(fresh);
        }
        NasSearch original = context.getControllerConfiguration().getConfigurationService().getResourceCloner().clone(search);
        original.getMetadata().setResourceVersion(null);
        return context.resourceOperations().jsonPatchPrimaryStatus(original, r -> {
            r.setStatus(status);
            return r;
        });
    }
}
