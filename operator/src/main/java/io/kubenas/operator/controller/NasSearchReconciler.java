package io.kubenas.operator.controller;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import io.kubenas.api.v1alpha1.ServingStatus;
import io.kubenas.operator.config.OperatorSettings;
import io.kubenas.operator.dependent.CheckpointVolumeDependent;
import io.kubenas.operator.dependent.ProgressConfigMapDependent;
import io.kubenas.operator.dependent.ReconcilePlan;
import io.kubenas.operator.dependent.SearchObjects;
import io.kubenas.operator.dependent.ServingDeploymentDependent;
import io.kubenas.operator.dependent.ServingServiceDependent;
import io.kubenas.operator.dependent.ServingWanted;
import io.kubenas.operator.dependent.SpecConfigMapDependent;
import io.kubenas.operator.dependent.TrainerJobDependent;
import io.kubenas.operator.dependent.TrainerRoleBindingDependent;
import io.kubenas.operator.dependent.TrainerRoleDependent;
import io.kubenas.operator.dependent.TrainerServiceAccountDependent;
import io.kubenas.operator.dependent.TrainerWanted;
import io.kubenas.operator.events.EventRecorder;
import io.kubenas.operator.events.TransitionEvents;
import io.kubenas.operator.metrics.OperatorMetrics;
import io.kubenas.operator.policy.Activity;
import io.kubenas.operator.policy.AttemptClassifier;
import io.kubenas.operator.policy.Decision;
import io.kubenas.operator.policy.LifecycleInput;
import io.kubenas.operator.policy.LifecyclePolicy;
import io.kubenas.operator.policy.PolicySettings;
import io.kubenas.operator.status.ConditionType;
import io.kubenas.operator.status.Phases;
import io.kubenas.operator.status.StatusAggregator;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Reconciles a NasSearch: observe → update status → act (the Flink operator's order, less its validate step:
 * the API server enforces the CRD's schema and CEL rules on every write and applies its defaults, so the search
 * read here is valid and defaulted).
 *
 * <ol>
 * <li>Observe: read the current attempt's Job and pod, the pushed progress and the serving Deployment from
 * the informer caches ({@link Observer}).</li>
 * <li>Decide and update status: {@link LifecyclePolicy} (pure) decides the phase, the attempt bookkeeping
 * and what should exist; {@link StatusAggregator} builds the status, which is written before acting, so a crash
 * between the two repeats the same decision: at once when it changed meaningfully, at most once per status refresh
 * when only live figures moved ({@link StatusPacing}), the decision being the same then.</li>
 * <li>Act: the workflow of dependents, one per owned object, each with only {@code desired()}; the trainer
 * Job and the serving objects are gated by conditions on the decision.</li>
 * </ol>
 */
@ControllerConfiguration(name = NasSearchReconciler.NAME)
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "spec", type = SpecConfigMapDependent.class),
        @Dependent(name = "progress", type = ProgressConfigMapDependent.class),
        @Dependent(name = "checkpoints", type = CheckpointVolumeDependent.class),
        @Dependent(name = "trainer-account", type = TrainerServiceAccountDependent.class),
        @Dependent(name = "trainer-role", type = TrainerRoleDependent.class),
        @Dependent(name = "trainer-role-binding", type = TrainerRoleBindingDependent.class, dependsOn = { "trainer-account", "trainer-role" }),
        @Dependent(name = "trainer-job", type = TrainerJobDependent.class, reconcilePrecondition = TrainerWanted.class,
                dependsOn = { "spec", "progress", "checkpoints", "trainer-role-binding" }),
        @Dependent(name = "serving-deployment", type = ServingDeploymentDependent.class, reconcilePrecondition = ServingWanted.class),
        @Dependent(name = "serving-service", type = ServingServiceDependent.class, reconcilePrecondition = ServingWanted.class),
})
@RBACRule(apiGroups = "", resources = "pods", verbs = { "get", "list", "watch" })
// Lost nodes (NodeWatch): the nodes trainer pods run on, and a NotReady node's Lease in kube-node-lease.
@RBACRule(apiGroups = "", resources = "nodes", verbs = { "get", "list", "watch" })
// Kueue's Workloads of trainer Jobs (KueueWatch): why a queued search waits.
@RBACRule(apiGroups = "kueue.x-k8s.io", resources = "workloads", verbs = { "get", "list", "watch" })
// The same calls as the Helm chart's RBAC (helm/kubenas/templates/_rbac.tpl): Events are only created, and the
// leader election checks get, create and update on its Lease at start.
@RBACRule(apiGroups = "", resources = "events", verbs = { "create" })
@RBACRule(apiGroups = "coordination.k8s.io", resources = "leases", verbs = { "get", "create", "update" })
public class NasSearchReconciler implements Reconciler<NasSearch> {
    public static final String NAME = "nassearch";
    private static final Logger LOG = Logger.getLogger(NasSearchReconciler.class);

    @Inject
    OperatorSettings settings;

    @Inject
    Clock clock;

    @Inject
    EventRecorder events;

    @Inject
    OperatorMetrics metrics;

    private NodeWatch nodes;
    private KueueWatch kueue;
    private StatusPacing pacing;

    @Override
    public List<EventSource<?, NasSearch>> prepareEventSources(EventSourceContext<NasSearch> context) {
        metrics.observe(context.getPrimaryCache());
        // Trainer pods belong to Jobs, not to the search; their label names the search.
        InformerEventSourceConfiguration<Pod> pods = InformerEventSourceConfiguration.from(Pod.class, NasSearch.class)
                .withName("trainer-pods")
                .withLabelSelector(SearchObjects.SELECT_TRAINER)
                .withSecondaryToPrimaryMapper(pod -> {
                    String search = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(SearchObjects.LABEL_SEARCH);
                    return search == null ? Set.of() : Set.of(new ResourceID(search, pod.getMetadata().getNamespace()));
                })
                .build();
        InformerEventSource<Pod, NasSearch> podSource = new InformerEventSource<>(pods, context);
        nodes = new NodeWatch(settings.watchNodes(), settings.nodeLostGrace());
        kueue = new KueueWatch(settings.watchKueueWorkloads());
        pacing = new StatusPacing(settings.statusRefresh());
        List<EventSource<?, NasSearch>> sources = new ArrayList<>(List.of(podSource));
        if (settings.watchNodes()) {
            sources.add(NodeWatch.eventSource(context, podSource));
        }
        if (settings.watchKueueWorkloads()) {
            sources.add(KueueWatch.eventSource(context));
        }
        return sources;
    }

    @Override
    public UpdateControl<NasSearch> reconcile(NasSearch search, Context<NasSearch> context) {
        Timer.Sample sample = metrics.startReconcile();
        boolean success = false;
        try {
            Instant now = clock.instant();
            Observation seen = Observer.observe(search, context, nodes, kueue, now);
            NasSearchStatus previous = search.getStatus();
            Decision decision = LifecyclePolicy.decide(input(search, previous, seen, now));
            NasSearchStatus next = StatusAggregator.aggregate(new StatusAggregator.Input(search, decision, seen.report(), seen.used(),
                    decision.serve() ? serving(search, seen) : null, seen.drift(), now));
            Duration liveFiguresDue = null;
            if (!Objects.equals(next, previous)) {
                ResourceID id = ResourceID.fromResource(search);
                liveFiguresDue = pacing.deferral(id, previous, next, now);
                if (liveFiguresDue == null) {
                    StatusWriter.write(search, next, context);
                    pacing.written(id, now);
                    afterStatusChange(search, previous, next);
                }
            }
            new ReconcilePlan(search, decision, seen.attempt().active(), next.getChild(), settings).attachTo(context);
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            stopJobs(search, seen, context);
            success = true;
            UpdateControl<NasSearch> control = UpdateControl.noUpdate();
            Duration requeue = earliest(earliest(decision.requeueAfter(), liveFiguresDue),
                    seen.recheckAt() == null ? null : Duration.between(now, seen.recheckAt()));
            return requeue == null ? control : control.rescheduleAfter(requeue);
        } finally {
            metrics.stopReconcile(sample, search.getMetadata().getNamespace(), success);
        }
    }

    /**
     * Deletes the Jobs of attempts that are over but could still start a trainer beside the next attempt: one given up
     * on a lost node (its pod stays until the node is deleted; were the node to come back, its kubelet stops the old
     * trainer), one Kueue suspended after its trainer ran (Kueue would admit it again).
     */
    private static void stopJobs(NasSearch search, Observation seen, Context<NasSearch> context) {
        for (Job job : seen.jobsToStop()) {
            LOG.infof("%s/%s: deleting trainer Job %s: %s", search.getMetadata().getNamespace(), search.getMetadata().getName(),
                    job.getMetadata().getName(), AttemptClassifier.suspended(job)
                            ? "Kueue suspended it after its trainer ran; the next attempt queues instead" : "its pod's node is lost");
            context.getClient().resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
    }

    private static Duration earliest(Duration a, Duration b) {
        if (b != null && b.isNegative()) {
            b = Duration.ZERO;
        }
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    /** Errors go into status (Reconciled=False with the message), not only into the log. */
    @Override
    public ErrorStatusUpdateControl<NasSearch> updateErrorStatus(NasSearch search, Context<NasSearch> context, Exception e) {
        if (NamespaceTermination.causedBy(e)) {
            LOG.infof("%s/%s: its namespace is being deleted; not reconciled again", search.getMetadata().getNamespace(),
                    search.getMetadata().getName());
            return ErrorStatusUpdateControl.<NasSearch>noStatusUpdate().withNoRetry();
        }
        LOG.warnf(e, "%s/%s: reconcile failed", search.getMetadata().getNamespace(), search.getMetadata().getName());
        // The cache holds what this reconcile may already have written: start from it, not from the stale input.
        NasSearch latest = context.getPrimaryCache().get(ResourceID.fromResource(search)).orElse(search);
        NasSearch copy = context.getControllerConfiguration().getConfigurationService().getResourceCloner().clone(latest);
        long generation = StatusAggregator.generation(search);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        copy.setStatus(StatusAggregator.withError(copy.getStatus(), generation, message, clock.instant()));
        return ErrorStatusUpdateControl.patchStatus(copy);
    }

    private LifecycleInput input(NasSearch search, NasSearchStatus previous, Observation seen, Instant now) {
        Condition complete = StatusAggregator.find(previous, ConditionType.COMPLETE);
        TrainerOutcome completed = complete == null || !"True".equals(complete.getStatus()) ? null
                : Activity.completionRecordedAs(complete.getReason());
        boolean childKnown = published(previous == null ? null : previous.getChild()) || published(seen.report() == null ? null : seen.report().getChild());
        return new LifecycleInput(search.getSpec(),
                previous == null ? null : previous.getPhase(),
                previous == null ? null : previous.getAttempts(),
                completed, seen.attempt(), seen.recordedRun(), seen.used(), seen.trainerPodsAlive(), childKnown,
                seen.servingReadyReplicas(), seen.report() == null ? null : seen.report().getStage(),
                now, specEdited(search, previous),
                new PolicySettings(settings.minAttempt(), settings.statusRefresh(), settings.startTimeout(), settings.unschedulableTimeout()));
    }

    /** True when the child can be served: its trainer published it in ConfigMaps (serving pods do not mount the volume). */
    private static boolean published(ChildStatus child) {
        return child != null && child.getConfigMaps() != null && !child.getConfigMaps().isEmpty();
    }

    /** True when the spec changed since status was written: a failure its old spec caused may be gone. */
    private static boolean specEdited(NasSearch search, NasSearchStatus previous) {
        return previous != null && previous.getObservedGeneration() != null
                && previous.getObservedGeneration() != StatusAggregator.generation(search);
    }

    private static ServingStatus serving(NasSearch search, Observation seen) {
        ServingStatus serving = new ServingStatus();
        String name = SearchObjects.serving(search.getMetadata().getName());
        serving.setDeployment(name);
        serving.setService(name);
        serving.setUrl(ServingServiceDependent.url(search));
        serving.setReportURL(ServingServiceDependent.reportUrl(search));
        serving.setReadyReplicas(seen.servingReadyReplicas() == null ? 0 : seen.servingReadyReplicas());
        return serving;
    }

    /** One log line per state change, the Events for it, and the restart/eviction counters. */
    private void afterStatusChange(NasSearch search, NasSearchStatus previous, NasSearchStatus next) {
        String ns = search.getMetadata().getNamespace();
        Condition was = StatusAggregator.find(previous, ConditionType.PROGRESSING);
        Condition now = StatusAggregator.find(next, ConditionType.PROGRESSING);
        if (previous == null || previous.getPhase() != next.getPhase() || was == null || !Objects.equals(was.getReason(), now.getReason())) {
            LOG.infof("%s/%s: %s -> %s (%s): %s", ns, search.getMetadata().getName(), Phases.display(previous == null ? null : previous.getPhase()),
                    Phases.display(next.getPhase()), now.getReason(), now.getMessage());
        }
        int restarts = count(previous == null || previous.getAttempts() == null ? null : previous.getAttempts().getRestarts());
        int evictions = count(previous == null || previous.getAttempts() == null ? null : previous.getAttempts().getEvictions());
        if (count(next.getAttempts().getRestarts()) > restarts) {
            metrics.restarted(ns);
        }
        if (count(next.getAttempts().getEvictions()) > evictions) {
            metrics.evicted(ns);
        }
        events.record(search, TransitionEvents.between(previous, next));
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
