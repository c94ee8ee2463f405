package io.kubenas.operator.controller;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchStatus;

/**
 * Writes a search's status, and only its status, by server-side apply of the status subresource (the operator
 * owns every status field). The written resource goes into the informer cache, so the next reconcile reads
 * what was written.
 */
final class StatusWriter {
    private StatusWriter() {
    }

    static NasSearch write(NasSearch search, NasSearchStatus status, Context<NasSearch> context) {
        NasSearch fresh = new NasSearch();
        fresh.setMetadata(new ObjectMetaBuilder()
                .withName(search.getMetadata().getName())
                .withNamespace(search.getMetadata().getNamespace())
                .build());
        fresh.setStatus(status);
        return context.resourceOperations().serverSideApplyPrimaryStatus(fresh);
    }
}
