package io.kubenas.operator.policy;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.TrainerExitCode;
import io.kubenas.operator.policy.AttemptState.End;
import io.kubenas.operator.policy.AttemptState.Stage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an attempt's Job and pod status into an {@link AttemptState}: running or not, and if it ended,
 * whether it finished, was disrupted (eviction, preemption, lost node: resume without using a restart),
 * hit its deadline (the budget), rejected its input, or failed (restart with back-off).
 */
public final class AttemptClassifier {

    /** Pod reasons set by the kubelet or the node lifecycle when the pod was pushed off its node. */
    private static final Set<String> DISRUPTION_POD_REASONS = Set.of("Evicted", "Preempting", "NodeLost", "Shutdown", "Terminated", "NodeShutdown");
    private static final String DISRUPTION_TARGET = "DisruptionTarget";

    private AttemptClassifier() {
    }

    /** The state of the attempt run by {@code job} (null: not created) whose newest pod is {@code pod} (null: none seen). */
    public static AttemptState classify(Job job, Pod pod) {
        return classify(job, pod, null);
    }

    /**
     * As {@link #classify(Job, Pod)}, where {@code lostNode} (null: none) says that the pod's node is lost: such an
     * attempt is disrupted, billed up to the node's last heartbeat, whatever its pod and Job still say (and also once
     * the operator has deleted its Job).
     */
    public static AttemptState classify(Job job, Pod pod, NodeLoss lostNode) {
        return classify(job, pod, lostNode, null, false);
    }

    /**
     * As {@link #classify(Job, Pod, NodeLoss)}, for a Job that Kueue may hold suspended: {@code workload} (null: none
     * seen) is what Kueue says about it; {@code trainerReported} says that the attempt's trainer has pushed progress,
     * i.e. ran, even when its pod is gone. The operator creates a queued Job suspended and never changes
     * {@code spec.suspend}: Kueue sets it to false to admit the Job and back to true to take its quota back.
     */
    public static AttemptState classify(Job job, Pod pod, NodeLoss lostNode, KueueWorkload workload, boolean trainerReported) {
        if (job == null) {
            return AttemptState.NOT_CREATED;
        }
        Instant podStarted = pod == null ? null : trainerStart(pod);
        if (lostNode != null && pod != null) {
            Instant heartbeat = lostNode.lastHeartbeat();
            Instant stopped = heartbeat == null || podStarted == null || heartbeat.isAfter(podStarted) ? heartbeat : podStarted;
            return ended(End.DISRUPTED, null, EndReason.NODE_LOST.reason(), lostNode.message(), podStarted, stopped);
        }
        if (suspended(job)) {
            AttemptState held = suspended(job, pod, podStarted, workload, trainerReported);
            if (held != null) {
                return held;
            }
        }
        if (job.getMetadata().getDeletionTimestamp() != null) {
            return ended(End.DISRUPTED, null, EndReason.TRAINER_JOB_DELETED.reason(), "the trainer Job was deleted", podStarted, finishTime(pod, job));
        }
        Optional<JobCondition> failed = condition(job, "Failed").or(() -> condition(job, "FailureTarget"));
        boolean deadline = failed.map(c -> EndReason.DEADLINE_EXCEEDED.reason().equals(c.getReason())).orElse(false);
        if (pod == null) {
            Instant jobStart = time(job.getStatus() == null ? null : job.getStatus().getStartTime());
            if (deadline) {
                return ended(End.DEADLINE_EXCEEDED, null, EndReason.DEADLINE_EXCEEDED.reason(), failed.get().getMessage(), jobStart, jobEnd(job));
            }
            if (failed.isPresent()) {
                // backoffLimit is 0, so a failed Job without a pod lost it (deleted, node gone).
                return ended(End.DISRUPTED, null, failed.get().getReason(), failed.get().getMessage(), jobStart, jobEnd(job));
            }
            if (condition(job, "Complete").isPresent()) {
                return ended(End.FINISHED, 0, EndReason.COMPLETED.reason(), null, jobStart, jobEnd(job));
            }
            return new AttemptState(Stage.STARTING, null, null, null, null, null, null, null, null);
        }
        ContainerStateTerminated terminated = trainerTerminated(pod);
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        boolean podDone = "Succeeded".equals(phase) || "Failed".equals(phase);
        if (terminated == null && !podDone) {
            if ("Running".equals(phase)) {
                return new AttemptState(Stage.RUNNING, null, null, null, null, null, podStarted, null, null);
            }
            return waiting(pod);
        }
        Instant finished = finishTime(pod, job);
        Integer exitCode = terminated == null ? null : terminated.getExitCode();
        if (exitCode != null && exitCode == TrainerExitCode.FINISHED.code()) {
            return ended(End.FINISHED, 0, EndReason.COMPLETED.reason(), terminated.getMessage(), podStarted, finished);
        }
        if (deadline) {
            return ended(End.DEADLINE_EXCEEDED, exitCode, EndReason.DEADLINE_EXCEEDED.reason(), failed.get().getMessage(), podStarted, finished);
        }
        String disruption = disruption(pod);
        if (disruption != null) {
            String detail = pod.getStatus().getMessage() != null ? pod.getStatus().getMessage() : "the trainer pod was disrupted: " + disruption;
            return ended(End.DISRUPTED, exitCode, disruption, detail, podStarted, finished);
        }
        if (exitCode == null) {
            String reason = pod.getStatus().getReason() != null ? pod.getStatus().getReason() : EndReason.POD_FAILED.reason();
            return ended(End.FAILED, null, reason, pod.getStatus().getMessage(), podStarted, finished);
        }
        String reason = terminated.getReason() != null ? terminated.getReason() : EndReason.ERROR.reason();
        return switch (TrainerExitCode.of(exitCode)) {
            case STOPPED_RESUMABLE -> ended(End.STOPPED, exitCode, EndReason.STOPPED.reason(), terminated.getMessage(), podStarted, finished);
            case INVALID_INPUT -> ended(End.INVALID_INPUT, exitCode, EndReason.INVALID_INPUT.reason(), terminated.getMessage(), podStarted, finished);
            case GPU_NOT_VISIBLE -> ended(End.GPU_NOT_VISIBLE, exitCode, EndReason.GPU_NOT_VISIBLE.reason(), terminated.getMessage(), podStarted, finished);
            default -> ended(End.FAILED, exitCode, reason, terminated.getMessage(), podStarted, finished);
        };
    }

    /** True while a Job is suspended (by Kueue: a queued search's Job is created so, and Kueue alone changes it). */
    public static boolean suspended(Job job) {
        return job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend());
    }

    /** True once a Job has finished (Complete or Failed): nothing starts its pods again. */
    public static boolean finished(Job job) {
        return condition(job, "Complete").or(() -> condition(job, "Failed")).isPresent();
    }

    /** The newest of an attempt's pods (a Job with backoffLimit 0 has one, but be safe). */
    public static Pod newest(List<Pod> pods) {
        return pods.stream()
                .max(Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
                        .thenComparing(p -> p.getMetadata().getName()))
                .orElse(null);
    }

    /** Wall seconds a pod's trainer ran (what is billed): from its container's start to its trainer's end, or to {@code now}. */
    public static double runSeconds(Pod pod, Instant now) {
        Instant started = pod == null ? null : trainerStart(pod);
        if (started == null) {
            return 0.0;
        }
        ContainerStateTerminated terminated = trainerTerminated(pod);
        Instant end = terminated != null && time(terminated.getFinishedAt()) != null ? time(terminated.getFinishedAt()) : now;
        return Math.max(0.0, (end.toEpochMilli() - started.toEpochMilli()) / 1000.0);
    }

    /** True while the pod may still run a trainer process (also while it is being deleted). */
    public static boolean alive(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** True once the pod's trainer container has terminated (its process is gone, whatever the pod's phase). */
    static boolean trainerHasTerminated(Pod pod) {
        return trainerTerminated(pod) != null;
    }

    /** The trainer container's termination message (the final TrainerProgress JSON), if any. */
    public static String terminationMessage(Pod pod) {
        ContainerStateTerminated terminated = pod == null ? null : trainerTerminated(pod);
        return terminated == null ? null : terminated.getMessage();
    }

    /**
     * A suspended Job: queued while no trainer ran under it (also a pod Kueue stopped before its trainer started: the
     * Job runs again when Kueue admits it again); requeued once a trainer that ran has stopped, or is known to have run (the attempt is over:
     * its Job, which Kueue would admit again, is replaced by the next attempt's, so that each attempt is billed and
     * resumes from its checkpoint as any other); still running while that trainer writes its final checkpoint. Null
     * for a trainer that finished all the same (exit 0): the usual reading applies.
     */
    private static AttemptState suspended(Job job, Pod pod, Instant podStarted, KueueWorkload workload, boolean trainerReported) {
        String why = workload == null ? null : workload.eviction();
        String reason = workload != null && workload.evictedReason() != null ? workload.evictedReason() : EndReason.EVICTED_BY_QUEUE.reason();
        String message = "Kueue suspended the trainer Job" + (why == null ? "" : " (" + why + ")");
        if (podStarted != null) {
            ContainerStateTerminated terminated = trainerTerminated(pod);
            if (terminated == null && alive(pod)) {
                return new AttemptState(Stage.RUNNING, null, null, reason, message, null, podStarted, null, null);
            }
            Integer exitCode = terminated == null ? null : terminated.getExitCode();
            if (exitCode != null && exitCode == TrainerExitCode.FINISHED.code()) {
                return null;
            }
            return ended(End.REQUEUED, exitCode, reason, message, podStarted, finishTime(pod, job));
        }
        if (trainerReported) {
            // Its trainer ran, and its pod is already gone (the Job controller deletes a suspended Job's pods, and the
            // pod object goes once it has stopped): the attempt is over, billed as far as it was counted.
            return ended(End.REQUEUED, null, reason, message, null, null);
        }
        if (condition(job, "Failed").or(() -> condition(job, "FailureTarget")).isPresent()) {
            // A failed Job is not admitted again: its attempt is over, though no trainer ran under it.
            return ended(End.REQUEUED, null, reason, message, null, jobEnd(job));
        }
        String waiting = workload == null ? null : workload.waiting();
        return new AttemptState(Stage.QUEUED, null, null, workload == null ? null : workload.waitingReason(), waiting, null, null, null, null);
    }

    private static AttemptState ended(End end, Integer exitCode, String reason, String message, Instant started, Instant finished) {
        return new AttemptState(Stage.ENDED, end, exitCode, reason, message, null, started, finished, null);
    }

    /** A pod that has not started, and why: unschedulable, or its container waiting (image pull, config error). */
    private static AttemptState waiting(Pod pod) {
        if (pod.getStatus() != null) {
            for (PodCondition c : pod.getStatus().getConditions() == null ? List.<PodCondition>of() : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                    return starting(c.getReason(), c.getMessage(), time(c.getLastTransitionTime()));
                }
            }
            for (ContainerStatus status : pod.getStatus().getContainerStatuses() == null ? List.<ContainerStatus>of() : pod.getStatus().getContainerStatuses()) {
                if (status.getState() != null && status.getState().getWaiting() != null && status.getState().getWaiting().getReason() != null) {
                    return starting(status.getState().getWaiting().getReason(), status.getState().getWaiting().getMessage(),
                            time(pod.getMetadata().getCreationTimestamp()));
                }
            }
        }
        return starting(null, null, null);
    }

    private static AttemptState starting(String reason, String message, Instant since) {
        return new AttemptState(Stage.STARTING, null, null, reason, message, null, null, null, since);
    }

    private static String disruption(Pod pod) {
        for (PodCondition c : pod.getStatus().getConditions() == null ? List.<PodCondition>of() : pod.getStatus().getConditions()) {
            if (DISRUPTION_TARGET.equals(c.getType()) && "True".equals(c.getStatus())) {
                return c.getReason() != null ? c.getReason() : DISRUPTION_TARGET;
            }
        }
        String reason = pod.getStatus().getReason();
        return reason != null && DISRUPTION_POD_REASONS.contains(reason) ? reason : null;
    }

    private static ContainerStateTerminated trainerTerminated(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            if (PodContract.TRAINER_CONTAINER.equals(status.getName()) && status.getState() != null) {
                return status.getState().getTerminated();
            }
        }
        return null;
    }

    /**
     * When the trainer container started, or null while it has not: only the time a container actually ran is
     * billed, not a pod's wait for its image or its volumes.
     */
    private static Instant trainerStart(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            if (PodContract.TRAINER_CONTAINER.equals(status.getName()) && status.getState() != null) {
                if (status.getState().getRunning() != null) {
                    return time(status.getState().getRunning().getStartedAt());
                }
                if (status.getState().getTerminated() != null) {
                    return time(status.getState().getTerminated().getStartedAt());
                }
            }
        }
        return null;
    }

    private static Instant finishTime(Pod pod, Job job) {
        ContainerStateTerminated terminated = pod == null ? null : trainerTerminated(pod);
        Instant finished = terminated == null ? null : time(terminated.getFinishedAt());
        return finished != null ? finished : jobEnd(job);
    }

    private static Instant jobEnd(Job job) {
        if (job.getStatus() != null && job.getStatus().getCompletionTime() != null) {
            return time(job.getStatus().getCompletionTime());
        }
        return condition(job, "Failed").or(() -> condition(job, "Complete"))
                .map(c -> time(c.getLastTransitionTime())).orElse(null);
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    static Instant time(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
