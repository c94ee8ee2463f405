package io.kubenas.operator.config;

import io.kubenas.api.progress.LogFormat;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Operator settings ({@code kubenas.operator.*} in application.properties, or the matching environment
 * variables such as {@code KUBENAS_OPERATOR_TRAINER_IMAGE}).
 */
@ConfigMapping(prefix = "kubenas.operator")
public interface OperatorSettings {

    /** Trainer image used when a NasSearch sets no spec.trainerImage; also runs the serving Deployment. */
    String trainerImage();

    /** Secrets to pull the trainer image with, given to every trainer and serving pod (a search may add its own). */
    Optional<List<String>> imagePullSecrets();

    /** Image pull policy of trainer and serving pods. */
    @WithDefault("IfNotPresent")
    String imagePullPolicy();

    /** Extended resource name of GPUs when a NasSearch sets no spec.resources.gpuResourceName. */
    @WithDefault("nvidia.com/gpu")
    String gpuResourceName();

    /**
     * Termination grace period of trainer pods: long enough to finish the step and write the final
     * checkpoint after SIGTERM (suspend, budget deadline, preemption, deletion).
     */
    @WithDefault("120s")
    Duration terminationGracePeriod();

    /**
     * The shortest attempt worth starting: with less budget left the search is BudgetExhausted instead of
     * starting a trainer that could not even write a checkpoint.
     */
    @WithDefault("60s")
    Duration minAttempt();

    /**
     * How long a trainer pod may wait for its image (ErrImagePull, ImagePullBackOff) or its container's
     * configuration (CreateContainerConfigError) before the search is Failed with that reason. An image name
     * that cannot be parsed fails at once.
     */
    @WithDefault("5m")
    Duration startTimeout();

    /** How long a trainer pod may stay unschedulable (a cluster autoscaler may add a node) before the search is Failed. */
    @WithDefault("30m")
    Duration unschedulableTimeout();

    /**
     * How long a trainer pod's node may be NotReady (it stopped heartbeating) before the attempt is given up there:
     * billed up to the node's last heartbeat, resumed from the latest checkpoint on another node, without using a
     * restart. Kubernetes marks a silent node NotReady after its node-monitor grace (about 50 s), so the next attempt
     * starts about that plus this after the node's last heartbeat.
     */
    @WithDefault("60s")
    Duration nodeLostGrace();

    /** Whether the operator reads Nodes (and their Leases) to notice lost nodes; without, nodeLostGrace has no effect. */
    @WithDefault("true")
    boolean watchNodes();

    /**
     * Whether the operator reads Kueue's Workloads (kueue.x-k8s.io/v1beta2) of trainer Jobs, to show Kueue's reason
     * while a queued search waits and when Kueue evicts one. Needs Kueue's CRDs and read access to workloads; queued
     * searches work without, their status only says less.
     */
    @WithDefault("false")
    boolean watchKueueWorkloads();

    /** How often status is refreshed while a trainer runs (budget used grows with time, not with events). */
    @WithDefault("60s")
    Duration statusRefresh();

    /** ttlSecondsAfterFinished of trainer Jobs: finished attempts are removed by Kubernetes after it. */
    @WithDefault("24h")
    Duration finishedJobTtl();

    /** Port the serving process listens on (the Service maps port 80 to it). */
    @WithDefault("8080")
    int servingPort();

    /**
     * How trainer and serving pods write their log, passed to them as {@code KUBENAS_LOG_FORMAT}
     * ({@link io.kubenas.api.progress.PodContract#ENV_LOG_FORMAT}). The operator's own log format is Quarkus's
     * {@code quarkus.log.console.json.enabled}; the chart sets both from {@code logs.format}.
     */
    @WithDefault("text")
    LogFormat logFormat();

    /** Name of the Lease used for leader election. */
    @WithDefault("kubenas-operator")
    String leaseName();

    /** Namespace of that Lease; the operator's own namespace (its service account's) when empty. */
    Optional<String> leaseNamespace();
}
