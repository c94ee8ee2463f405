package io.kubenas.operator.policy;

import io.kubenas.api.v1alpha1.FailureRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Why a trainer pod does not start, as Kubernetes reports it (the pod's PodScheduled condition, or the trainer
 * container's waiting reason), and how long the operator lets it persist before the search is Failed with that
 * reason: a mistyped image must not hold a search, or its devices, for ever.
 */
public enum StartBlocker {
    /** No node fits (GPUs, selectors, taints); a cluster autoscaler may still add one. */
    UNSCHEDULABLE("Unschedulable", Patience.UNSCHEDULABLE),
    /** The image reference cannot be parsed: no wait can fix it. */
    INVALID_IMAGE_NAME("InvalidImageName", Patience.NONE),
    ERR_IMAGE_PULL("ErrImagePull", Patience.START),
    IMAGE_PULL_BACK_OFF("ImagePullBackOff", Patience.START),
    /** A Secret or ConfigMap the container needs is missing. */
    CREATE_CONTAINER_CONFIG_ERROR("CreateContainerConfigError", Patience.START),
    CREATE_CONTAINER_ERROR("CreateContainerError", Patience.START);

    private enum Patience { NONE, START, UNSCHEDULABLE }

    private final String reason;
    private final Patience patience;

    StartBlocker(String reason, Patience patience) {
        this.reason = reason;
        this.patience = patience;
    }

    /** The Kubernetes reason, which becomes the search's condition reason. */
    public String reason() {
        return reason;
    }

    /** The blocker Kubernetes reports as {@code reason}, if it is one. */
    public static Optional<StartBlocker> of(String reason) {
        return Arrays.stream(values()).filter(b -> b.reason.equals(reason)).findFirst();
    }

    /** The blocker a failed search recorded (status is its only memory across operator restarts). */
    public static Optional<StartBlocker> recordedIn(FailureRecord failure) {
        return failure == null ? Optional.empty() : of(failure.getReason());
    }

    /** When a pod blocked by this since {@code since} (null: unknown, counts as now) stops being waited for. */
    public Instant giveUpAt(Instant since, Instant now, PolicySettings settings) {
        Instant from = since == null ? now : since;
        return from.plus(switch (patience) {
            case NONE -> Duration.ZERO;
            case START -> settings.startTimeout();
            case UNSCHEDULABLE -> settings.unschedulableTimeout();
        });
    }
}
