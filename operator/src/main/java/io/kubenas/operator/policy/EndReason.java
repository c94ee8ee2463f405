package io.kubenas.operator.policy;

import io.kubenas.api.v1alpha1.FailureRecord;

/**
 * The reasons kubenas itself gives for how an attempt ended ({@code status.attempts.lastFailure.reason}); other
 * reasons there are Kubernetes' own (a pod's {@code Evicted}, a container's {@code OOMKilled}), copied as they are.
 */
public enum EndReason {
    /** The trainer exited 0: the search finished. */
    COMPLETED("Completed"),
    /** The trainer stopped on SIGTERM after a final checkpoint (exit 75). */
    STOPPED("Stopped"),
    /** The trainer rejected its spec or data (exit 64): restarting cannot help. */
    INVALID_INPUT("InvalidInput"),
    /** The trainer was given GPUs it cannot see (exit 69) and stopped before training. */
    GPU_NOT_VISIBLE("GPUNotVisible"),
    /** The attempt's Job was deleted while it ran. */
    TRAINER_JOB_DELETED("TrainerJobDeleted"),
    /** The trainer pod's node stopped heartbeating (NotReady past the operator's node-lost grace) or was deleted. */
    NODE_LOST("NodeLost"),
    /** Kueue suspended the running attempt's Job (when its Workload does not say why). */
    EVICTED_BY_QUEUE("EvictedByQueue"),
    /** The Job's activeDeadlineSeconds (the budget's allowance) passed. */
    DEADLINE_EXCEEDED("DeadlineExceeded"),
    /** The pod failed without a trainer exit code and without a reason of its own. */
    POD_FAILED("PodFailed"),
    /** The trainer exited non-zero without a reason from the kubelet. */
    ERROR("Error");

    private final String reason;

    EndReason(String reason) {
        this.reason = reason;
    }

    /** The reason as written to status (CamelCase, as Kubernetes conventions ask). */
    public String reason() {
        return reason;
    }

    /** True when {@code failure} (may be null) was recorded with this reason. */
    public boolean recordedIn(FailureRecord failure) {
        return failure != null && reason.equals(failure.getReason());
    }
}
