package io.kubenas.operator.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.operator.dependent.SearchObjects;
import io.kubenas.operator.policy.KueueWorkload;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Kueue's Workloads of trainer Jobs (an informer, when the operator may read them): a Workload changing, e.g. its
 * quota reservation or an eviction, reconciles the search whose Job it stands for, and its conditions say why a
 * queued search waits. Kueue makes one Workload per Job, owned by the Job; the Job's name names the search.
 */
final class KueueWatch {
    static final String NAME = "kueue-workloads";
    /** Kueue's storage version since v0.15; v1beta1 is deprecated. */
    static final GroupVersionKind WORKLOAD = new GroupVersionKind("kueue.x-k8s.io", "v1beta2", "Workload");

    private final boolean enabled;

    /** @param enabled false when the operator may not read Workloads (no Kueue, or not allowed): queued searches say less */
    KueueWatch(boolean enabled) {
        this.enabled = enabled;
    }

    static InformerEventSource<GenericKubernetesResource, NasSearch> eventSource(EventSourceContext<NasSearch> context) {
        InformerEventSourceConfiguration<GenericKubernetesResource> workloads = InformerEventSourceConfiguration.from(WORKLOAD, NasSearch.class)
                .withName(NAME)
                .withSecondaryToPrimaryMapper(workload -> trainerJobOwner(workload)
                        .flatMap(job -> SearchObjects.searchOfTrainerJob(job.getName()).stream())
                        .map(search -> Set.of(new ResourceID(search, workload.getMetadata().getNamespace())))
                        .findFirst().orElse(Set.of()))
                .build();
        return new InformerEventSource<>(workloads, context);
    }

    /** What Kueue says about {@code job}, from the informer's cache; null when not watching or no Workload yet. */
    KueueWorkload workloadOf(Job job, Context<NasSearch> context) {
        if (!enabled || job == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        InformerEventSource<GenericKubernetesResource, NasSearch> workloads = (InformerEventSource<GenericKubernetesResource, NasSearch>) context
                .eventSourceRetriever().getEventSourceFor(GenericKubernetesResource.class, NAME);
        String uid = job.getMetadata().getUid();
        return workloads.list(job.getMetadata().getNamespace(), w -> trainerJobOwner(w).anyMatch(o -> Objects.equals(o.getUid(), uid)))
                .findFirst().map(KueueWorkload::of).orElse(null);
    }

    private static Stream<OwnerReference> trainerJobOwner(GenericKubernetesResource workload) {
        List<OwnerReference> owners = workload.getMetadata().getOwnerReferences();
        return owners == null ? Stream.empty()
                : owners.stream().filter(o -> "Job".equals(o.getKind()) && "batch/v1".equals(o.getApiVersion()));
    }
}
