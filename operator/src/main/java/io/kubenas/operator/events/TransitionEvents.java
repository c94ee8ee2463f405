package io.kubenas.operator.events;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubenas.api.v1alpha1.AttemptsStatus;
import io.kubenas.api.v1alpha1.CheckpointRecord;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.policy.Activity;
import io.kubenas.operator.status.ConditionType;
import io.kubenas.operator.status.StatusAggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Events a status change deserves, derived from the stored and the new status only: an Event is
 * emitted once per transition that was persisted, never for a reconcile that changed nothing.
 */
public final class TransitionEvents {
    private TransitionEvents() {
    }

    public static List<TransitionEvent> between(NasSearchStatus before, NasSearchStatus after) {
        NasSearchStatus old = before == null ? new NasSearchStatus() : before;
        List<TransitionEvent> events = new ArrayList<>();
        AttemptsStatus a0 = old.getAttempts() == null ? new AttemptsStatus() : old.getAttempts();
        AttemptsStatus a1 = after.getAttempts() == null ? new AttemptsStatus() : after.getAttempts();
        if (count(a1.getRestarts()) > count(a0.getRestarts())) {
            events.add(new TransitionEvent(EventReason.RESTART_SCHEDULED, "restart " + a1.getRestarts() + " at " + a1.getNextAttemptAt()
                    + " after " + describe(a1) + "; it resumes from the latest checkpoint"));
        }
        if (count(a1.getEvictions()) > count(a0.getEvictions())) {
            events.add(new TransitionEvent(EventReason.EVICTED, "the trainer pod was disrupted (" + describe(a1)
                    + "); resuming from the latest checkpoint without using a restart"));
        }
        if (count(a1.getCount()) > count(a0.getCount())) {
            CheckpointRecord latest = after.getCheckpoints() == null ? null : after.getCheckpoints().getLatest();
            events.add(new TransitionEvent(EventReason.TRAINER_STARTED, "created the trainer Job for attempt " + a1.getCount()
                    + (latest == null ? "" : "; it resumes from checkpoint " + latest.getName())));
        }
        Condition waited = StatusAggregator.find(old, ConditionType.PROGRESSING);
        Condition waits = StatusAggregator.find(after, ConditionType.PROGRESSING);
        if (waits != null && Activity.QUEUED.reason().equals(waits.getReason())
                && (waited == null || !Activity.QUEUED.reason().equals(waited.getReason()))) {
            events.add(new TransitionEvent(EventReason.QUEUED, waits.getMessage()));
        }
        CheckpointRecord cp0 = old.getCheckpoints() == null ? null : old.getCheckpoints().getLatest();
        CheckpointRecord cp1 = after.getCheckpoints() == null ? null : after.getCheckpoints().getLatest();
        if (cp1 != null && !Objects.equals(cp0, cp1)) {
            events.add(new TransitionEvent(EventReason.CHECKPOINT_SAVED, "checkpoint " + cp1.getName() + " at epoch " + cp1.getEpoch()));
        }
        ChildStatus child0 = old.getChild();
        ChildStatus child1 = after.getChild();
        if (child1 != null && !Objects.equals(child0 == null ? null : child0.getSha256(), child1.getSha256())) {
            events.add(new TransitionEvent(EventReason.CHILD_EXPORTED, "child exported to " + child1.getPath()
                    + (child1.getValidationAccuracy() == null ? "" : " with validation accuracy " + child1.getValidationAccuracy())));
        }
        if (after.getPhase() != null && after.getPhase() != old.getPhase()) {
            EventReason reason = forPhase(old.getPhase(), after.getPhase());
            if (reason != null) {
                events.add(new TransitionEvent(reason, progressingMessage(after)));
            }
        }
        return events;
    }

    private static EventReason forPhase(Phase from, Phase to) {
        if (from == Phase.SUSPENDED && (to == Phase.PENDING || to == Phase.SEARCHING || to == Phase.PRUNING)) {
            return EventReason.RESUMED;
        }
        return switch (to) {
            case PENDING -> null;
            case PRUNING -> EventReason.PRUNING;
            case SEARCHING -> EventReason.SEARCHING;
            case PROMOTING -> EventReason.PROMOTING;
            case SERVING -> EventReason.SERVING;
            case SUCCEEDED -> EventReason.SUCCEEDED;
            case FAILED -> EventReason.FAILED;
            case BUDGET_EXHAUSTED -> EventReason.BUDGET_EXHAUSTED;
            case SUSPENDED -> EventReason.SUSPENDED;
        };
    }

    private static String progressingMessage(NasSearchStatus status) {
        Condition progressing = StatusAggregator.find(status, ConditionType.PROGRESSING);
        return progressing == null ? String.valueOf(status.getPhase()) : progressing.getMessage();
    }

    private static String describe(AttemptsStatus a) {
        if (a.getLastFailure() == null) {
            return "a failure";
        }
        return a.getLastFailure().getReason() + (a.getLastFailure().getExitCode() == null ? "" : " (exit " + a.getLastFailure().getExitCode() + ")");
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
