package io.kubenas.operator.controller;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.v1alpha1.BudgetStatus;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import io.kubenas.operator.dependent.SearchObjects;
import io.kubenas.operator.dependent.TrainerJobDependent;
import io.kubenas.operator.policy.AttemptClassifier;
import io.kubenas.operator.policy.AttemptState;
import io.kubenas.api.budget.Usage;
import io.kubenas.operator.policy.TrainerRun;
import io.kubenas.operator.status.TrainerReports;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads one search's world from the informer caches, never from the API server and never changing it
 * (Flink's observers): the current attempt's Job and pod, the progress ConfigMap, the serving Deployment.
 */
final class Observer {
    private Observer() {
    }

    static Observation observe(NasSearch search, Context<NasSearch> context, Instant now) {
        String name = search.getMetadata().getName();
        NasSearchStatus status = search.getStatus();
        int attempt = status == null || status.getAttempts() == null || status.getAttempts().getCount() == null
                ? 0 : status.getAttempts().getCount();

        Job job = attempt == 0 ? null : named(context.getSecondaryResources(Job.class), SearchObjects.trainerJob(name, attempt));
        List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
        Pod pod = AttemptClassifier.newest(pods.stream()
                .filter(p -> String.valueOf(attempt).equals(p.getMetadata().getLabels().get(SearchObjects.LABEL_ATTEMPT)))
                .filter(p -> job == null || ownedBy(p, job))
                .toList());
        AttemptState state = AttemptClassifier.classify(job, pod);

        TrainerProgress pushed = TrainerReports.parse(progressValue(context, name));
        TrainerProgress last = state.ended() ? TrainerReports.parse(AttemptClassifier.terminationMessage(pod)) : null;
        TrainerOutcome outcome = last != null && last.getOutcome() != null ? last.getOutcome()
                : pushed != null && (pushed.getAttempt() == null || pushed.getAttempt() == attempt) ? pushed.getOutcome() : null;
        state = state.withOutcome(outcome);

        // The Job records how the attempt started; its pod carries the same record once the Job is gone.
        TrainerRun recorded = job != null ? recordedRun(job.getMetadata().getAnnotations(), attempt)
                : pod != null ? recordedRun(pod.getMetadata().getAnnotations(), attempt) : null;
        Usage used = recordedUsage(status);
        if (recorded != null) {
            double elapsed = job != null ? state.elapsedSeconds(now) : AttemptClassifier.runSeconds(pod, now);
            used = recorded.before().after(elapsed, recorded.devices()).atLeast(used);
        }
        boolean alive = pods.stream().anyMatch(AttemptClassifier::alive);
        Deployment serving = named(context.getSecondaryResources(Deployment.class), SearchObjects.serving(name));
        Integer ready = serving == null ? null
                : serving.getStatus() == null || serving.getStatus().getReadyReplicas() == null ? 0 : serving.getStatus().getReadyReplicas();
        return new Observation(state, recorded, used, alive, TrainerReports.merge(pushed, last), ready);
    }

    private static String progressValue(Context<NasSearch> context, String name) {
        ConfigMap map = named(context.getSecondaryResources(ConfigMap.class), SearchObjects.progressConfigMap(name));
        Map<String, String> data = map == null ? null : map.getData();
        return data == null ? null : data.get(PodContract.PROGRESS_KEY);
    }

    /** What an attempt's Job (or pod) recorded about its start; null when it carries no such record. */
    static TrainerRun recordedRun(Map<String, String> annotations, int attempt) {
        if (annotations == null) {
            return null;
        }
        try {
            int devices = Integer.parseInt(annotations.get(TrainerJobDependent.ANNOTATION_DEVICES));
            double device = Double.parseDouble(annotations.get(TrainerJobDependent.ANNOTATION_DEVICE_SECONDS_BEFORE));
            double wall = Double.parseDouble(annotations.get(TrainerJobDependent.ANNOTATION_WALL_SECONDS_BEFORE));
            return new TrainerRun(attempt, new Usage(device, wall), devices, null);
        } catch (NullPointerException | NumberFormatException e) {
            return null;
        }
    }

    private static Usage recordedUsage(NasSearchStatus status) {
        BudgetStatus budget = status == null ? null : status.getBudget();
        if (budget == null) {
            return Usage.NONE;
        }
        return new Usage(budget.getDeviceSecondsUsed() == null ? 0 : budget.getDeviceSecondsUsed(),
                budget.getWallSeconds() == null ? 0 : budget.getWallSeconds());
    }

    private static boolean ownedBy(Pod pod, Job job) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        return owners == null || owners.isEmpty() || owners.stream().anyMatch(o -> Objects.equals(o.getUid(), job.getMetadata().getUid()));
    }

    private static <R extends HasMetadata> R named(Set<R> resources, String name) {
        return resources.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst().orElse(null);
    }
}
