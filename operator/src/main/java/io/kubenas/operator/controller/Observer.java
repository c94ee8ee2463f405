package io.kubenas.operator.controller;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubenas.api.progress.AttemptBudget;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.v1alpha1.BudgetStatus;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import io.kubenas.operator.dependent.CheckpointVolumeDependent;
import io.kubenas.operator.dependent.SearchObjects;
import io.kubenas.operator.dependent.TrainerJobDependent;
import io.kubenas.operator.policy.AttemptClassifier;
import io.kubenas.operator.policy.AttemptState;
import io.kubenas.operator.policy.NodeLoss;
import io.kubenas.operator.policy.SpecDrift;
import io.kubenas.api.budget.Usage;
import io.kubenas.operator.policy.TrainerRun;
import io.kubenas.operator.status.TrainerReports;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads one search's world from the informer caches, never from the API server and never changing it
 * (Flink's observers): the current attempt's Job and pod, the nodes its pods run on, the progress ConfigMap, the
 * serving Deployment, the Kueue Workload of the current Job. The one exception is a lost node's Lease, read once
 * ({@link NodeWatch}).
 */
final class Observer {
    private Observer() {
    }

    static Observation observe(NasSearch search, Context<NasSearch> context, NodeWatch nodes, KueueWatch kueue, Instant now) {
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
        // A pod on a lost node neither runs nor blocks the next attempt; its Job is deleted, so that the pod stops
        // should its node come back.
        Map<Pod, NodeLoss.Verdict> verdicts = new IdentityHashMap<>();
        pods.stream().filter(AttemptClassifier::alive).forEach(p -> verdicts.put(p, nodes.check(p, context, now)));
        NodeLoss lost = pod == null ? null : verdicts.getOrDefault(pod, NodeLoss.Verdict.FINE).loss().orElse(null);
        TrainerProgress pushed = TrainerReports.parse(progressValue(context, name));
        boolean reported = pushed != null && pushed.getAttempt() != null && pushed.getAttempt() == attempt;
        AttemptState state = AttemptClassifier.classify(job, pod, lost, kueue.workloadOf(job, context), reported);

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
            Usage counted = recorded.before().after(elapsed, recorded.devices());
            // Status never counts less than it did (a pod's record can vanish), but for an attempt on a lost node: status
            // counted its node's silence while the node was not yet known lost; billing stops at its last heartbeat.
            used = lost != null ? counted : counted.atLeast(used);
            if (state.ended() && state.startedAt() == null && reported && pushed.getBudget() != null) {
                // The pod that ran is gone (Kueue's requeue): the trainer's own count of its run is what is left of it.
                used = used.atLeast(reportedUsage(pushed.getBudget(), recorded));
            }
        }
        Set<String> lostJobNames = verdicts.entrySet().stream().filter(e -> e.getValue().loss().isPresent())
                .flatMap(e -> e.getKey().getMetadata().getOwnerReferences() == null ? Stream.empty() : e.getKey().getMetadata().getOwnerReferences().stream())
                .filter(o -> "Job".equals(o.getKind())).map(OwnerReference::getName).collect(Collectors.toSet());
        // A Job Kueue suspended after its trainer ran is over for the operator, but Kueue would admit it again: it goes,
        // and until it has gone the next attempt waits (never two trainers of one search).
        String current = job == null ? null : job.getMetadata().getName();
        boolean requeued = state.ended() && state.end() == AttemptState.End.REQUEUED;
        List<Job> readmittable = context.getSecondaryResources(Job.class).stream()
                .filter(j -> AttemptClassifier.suspended(j) && !AttemptClassifier.finished(j))
                .filter(j -> requeued || !j.getMetadata().getName().equals(current))
                .toList();
        List<Job> jobsToStop = Stream.concat(readmittable.stream(),
                        context.getSecondaryResources(Job.class).stream().filter(j -> lostJobNames.contains(j.getMetadata().getName())))
                .filter(j -> j.getMetadata().getDeletionTimestamp() == null).distinct().toList();
        boolean alive = verdicts.entrySet().stream().anyMatch(e -> e.getValue().loss().isEmpty())
                || readmittable.stream().anyMatch(j -> j.getMetadata().getDeletionTimestamp() == null);
        Instant recheckAt = verdicts.values().stream().map(NodeLoss.Verdict::recheckAt).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
        Deployment serving = named(context.getSecondaryResources(Deployment.class), SearchObjects.serving(name));
        PersistentVolumeClaim claim = named(context.getSecondaryResources(PersistentVolumeClaim.class), SearchObjects.checkpointClaim(name));
        String runningFingerprint = job != null && state.active() && job.getMetadata().getAnnotations() != null
                ? job.getMetadata().getAnnotations().get(TrainerJobDependent.ANNOTATION_SPEC_FINGERPRINT) : null;
        Quantity claimed = claim == null ? null : CheckpointVolumeDependent.size(claim);
        SpecDrift drift = SpecDrift.of(search.getSpec(), runningFingerprint, claimed);
        Integer ready = serving == null ? null
                : serving.getStatus() == null || serving.getStatus().getReadyReplicas() == null ? 0 : serving.getStatus().getReadyReplicas();
        return new Observation(state, recorded, used, alive, TrainerReports.merge(pushed, last), ready, jobsToStop, recheckAt, drift);
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

    /** What a trainer counted in its last report: device-seconds over all attempts, and its own attempt's wall time. */
    private static Usage reportedUsage(AttemptBudget budget, TrainerRun recorded) {
        double device = budget.getDeviceSecondsUsed() == null ? 0 : budget.getDeviceSecondsUsed();
        double wall = recorded.before().wallSeconds() + (budget.getAttemptSeconds() == null ? 0 : budget.getAttemptSeconds());
        return new Usage(device, wall);
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
