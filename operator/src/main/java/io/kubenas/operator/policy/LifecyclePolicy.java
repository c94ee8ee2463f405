package io.kubenas.operator.policy;

import io.kubenas.api.budget.ComputeBudget;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.AttemptsStatus;
import io.kubenas.api.v1alpha1.FailureRecord;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.policy.AttemptState.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The lifecycle of a NasSearch as a pure function of (spec, status, observed attempt): which phase it is
 * in, which trainer attempt should exist, whether its child is served.
 *
 * <p>Bookkeeping lives in {@code status.attempts}: {@code count} is the current attempt (its Job is named
 * after it); a set {@code nextAttemptAt} means the current attempt ended and attempt {@code count + 1} is
 * planned. The end of an attempt is therefore absorbed exactly once: either a next attempt is planned, or
 * the search enters a phase that holds until the spec changes (Failed, BudgetExhausted, Suspended) or for
 * good (complete). Every call with the same input gives the same decision, so a crash between writing
 * status and acting repeats the same action.
 */
public final class LifecyclePolicy {
    private LifecyclePolicy() {
    }

    /**
     * The decision for this reconcile. A published child stays served whatever the search does next (a raised budget
     * starts a new attempt, a suspend, a failure) until the trainer publishes a better one, which rolls the Deployment:
     * a model that served yesterday is not taken offline because more search was asked for.
     */
    public static Decision decide(LifecycleInput in) {
        Decision decision = lifecycle(in);
        boolean keepServing = in.spec().getServing().getEnabled() && in.childKnown() && !decision.serve();
        return keepServing ? decision.serving(servingReady(in)) : decision;
    }

    private static Decision lifecycle(LifecycleInput in) {
        NasSearchSpec spec = in.spec();
        AttemptsStatus a = copy(in.previousAttempts());
        Phase before = in.previousPhase() == null ? Phase.PENDING : in.previousPhase();
        if (in.completed() != null) {
            return complete(in, a, in.completed());
        }
        boolean exhausted = BudgetPolicy.exhausted(spec, in.used(), in.settings().minAttempt());
        boolean suspend = Boolean.TRUE.equals(spec.getSuspend());
        int maxRestarts = spec.getRestartPolicy().getMaxRestarts();
        AttemptState s = in.attempt();

        // 0. Failed because its trainer pod did not start: that holds (also while the pod's Job is being deleted)
        // until the spec is edited, e.g. the image corrected; then a new attempt, without using a restart.
        Optional<StartBlocker> notStarted = before == Phase.FAILED ? StartBlocker.recordedIn(a.getLastFailure()) : Optional.empty();
        if (notStarted.isPresent()) {
            if (!in.specEdited()) {
                return notStarted(a, notStarted.get());
            }
            if (a.getNextAttemptAt() == null) {
                plan(a, in.now());
            }
        }

        // 0b. Failed because its trainer saw fewer GPUs than it was given: that holds until the spec is edited (the CUDA
        // image, fewer GPUs; after the nodes are fixed, any edit), then a new attempt, without using a restart.
        if (before == Phase.FAILED && EndReason.GPU_NOT_VISIBLE.recordedIn(a.getLastFailure())) {
            if (!in.specEdited()) {
                return gpuNotVisible(a);
            }
            if (a.getNextAttemptAt() == null) {
                plan(a, in.now());
            }
        }

        // 1. Absorb the end of the current attempt. In a holding phase that end was absorbed already; it is looked at
        // again only after a spec edit (a raised budget, maxRestarts or maxDisruptions, suspend: false). Without one
        // the phase holds (2.), also when what Kubernetes shows of the attempt changed since: a finished pod removed by
        // the pod garbage collector (its node deleted) must not turn a failed search into a disrupted one that resumes.
        boolean holding = before == Phase.FAILED || before == Phase.BUDGET_EXHAUSTED || before == Phase.SUSPENDED;
        boolean absorbed = holding && !in.specEdited();
        if (a.getNextAttemptAt() == null && s.ended() && !absorbed) {
            switch (s.end()) {
                case FINISHED -> {
                    if (s.outcome() != TrainerOutcome.BUDGET_EXHAUSTED) {
                        return complete(in, a, s.outcome() == TrainerOutcome.TARGET_REACHED ? TrainerOutcome.TARGET_REACHED : TrainerOutcome.EPOCHS_COMPLETED);
                    }
                    if (exhausted) {
                        return budgetExhausted(in, a);
                    }
                    plan(a, in.now()); // the budget was raised after the trainer stopped for it
                }
                case DEADLINE_EXCEEDED -> {
                    if (exhausted) {
                        return budgetExhausted(in, a);
                    }
                    plan(a, in.now()); // the deadline came from a lower budget, or the pod waited long to start
                }
                case STOPPED, DISRUPTED -> {
                    if (suspend) {
                        return suspended(in, a);
                    }
                    if (exhausted) {
                        return budgetExhausted(in, a);
                    }
                    if (before == Phase.SUSPENDED) {
                        plan(a, in.now()); // resumed by the user: nothing to back off from
                    } else {
                        a.setEvictions(a.getEvictions() + 1);
                        a.setLastFailure(failure(s, a.getLastFailure(), in.now()));
                        if (a.getEvictions() > spec.getRestartPolicy().getMaxDisruptions()) {
                            return failed(in, a, Activity.DISRUPTIONS_EXHAUSTED);
                        }
                        Instant stoppedAt = s.finishedAt() != null ? s.finishedAt() : in.now();
                        plan(a, stoppedAt.plus(BackoffPolicy.delay(spec.getRestartPolicy(), a.getEvictions())));
                    }
                }
                case REQUEUED -> {
                    if (suspend) {
                        return suspended(in, a);
                    }
                    if (exhausted) {
                        return budgetExhausted(in, a);
                    }
                    // Kueue decides when the search runs again: the next attempt queues at once, without back-off, and
                    // a preemption is not a disruption the trainer caused (maxDisruptions caps those).
                    a.setLastFailure(failure(s, a.getLastFailure(), in.now()));
                    plan(a, in.now());
                }
                case INVALID_INPUT -> {
                    a.setLastFailure(failure(s, a.getLastFailure(), in.now()));
                    return failed(in, a, Activity.INPUT_REJECTED);
                }
                case GPU_NOT_VISIBLE -> {
                    a.setLastFailure(failure(s, a.getLastFailure(), in.now()));
                    return gpuNotVisible(a);
                }
                case FAILED -> {
                    a.setLastFailure(failure(s, a.getLastFailure(), in.now()));
                    if (exhausted) {
                        return budgetExhausted(in, a);
                    }
                    if (a.getRestarts() >= maxRestarts) {
                        return failed(in, a, Activity.RESTARTS_EXHAUSTED);
                    }
                    a.setRestarts(a.getRestarts() + 1);
                    Instant failedAt = s.finishedAt() != null ? s.finishedAt() : in.now();
                    plan(a, failedAt.plus(BackoffPolicy.delay(spec.getRestartPolicy(), a.getRestarts())));
                }
            }
        }

        // 2. No Job (or an end already absorbed) and nothing planned: a phase that holds until its cause is gone.
        if (a.getNextAttemptAt() == null && (s.stage() == Stage.NOT_CREATED || (absorbed && s.ended()))) {
            switch (before) {
                case FAILED -> {
                    FailureRecord last = a.getLastFailure();
                    if (EndReason.INVALID_INPUT.recordedIn(last)) {
                        return failed(in, a, Activity.INPUT_REJECTED);
                    }
                    if (a.getEvictions() > spec.getRestartPolicy().getMaxDisruptions()) {
                        return failed(in, a, Activity.DISRUPTIONS_EXHAUSTED);
                    }
                    if (a.getRestarts() >= maxRestarts) {
                        return failed(in, a, Activity.RESTARTS_EXHAUSTED);
                    }
                    // maxRestarts or maxDisruptions was raised: the next attempt counts as a restart.
                    a.setRestarts(a.getRestarts() + 1);
                    plan(a, in.now());
                }
                case BUDGET_EXHAUSTED -> {
                    if (exhausted) {
                        return budgetExhausted(in, a);
                    }
                    plan(a, in.now()); // the budget was raised
                }
                case SUSPENDED -> {
                    if (suspend) {
                        return suspended(in, a);
                    }
                    plan(a, in.now());
                }
                default -> {
                    if (a.getCount() == 0) {
                        plan(a, in.now());
                    }
                    // otherwise the current attempt's Job is missing: it is created again below
                }
            }
        }

        // 3. The current attempt runs: keep it (its deadline follows budget edits) unless suspended.
        if (s.active()) {
            if (suspend) {
                return suspended(in, a);
            }
            if (s.stage() == Stage.QUEUED) {
                return queued(in, a, exhausted);
            }
            boolean running = s.stage() == Stage.RUNNING;
            Optional<StartBlocker> blocker = running || exhausted ? Optional.empty() : StartBlocker.of(s.reason());
            Instant giveUpAt = blocker.map(b -> b.giveUpAt(s.waitingSince(), in.now(), in.settings())).orElse(null);
            if (giveUpAt != null && !in.now().isBefore(giveUpAt)) {
                a.setLastFailure(failure(s, a.getLastFailure(), in.now()));
                return notStarted(a, blocker.get());
            }
            Phase phase = !running ? Phase.PENDING : in.stage() == TrainerStage.PRUNING ? Phase.PRUNING : Phase.SEARCHING;
            boolean evicted = running && s.reason() != null; // a running trainer has a reason only when Kueue suspended its Job
            Activity activity = evicted ? Activity.STOPPING_FOR_QUEUE : exhausted ? Activity.STOPPING_FOR_BUDGET
                    : running ? Activity.TRAINING : Activity.WAITING_FOR_POD;
            String message = switch (activity) {
                case STOPPING_FOR_QUEUE -> "attempt " + a.getCount() + ": " + s.message()
                        + "; the trainer is writing its final checkpoint, then the search queues again";
                case STOPPING_FOR_BUDGET -> "attempt " + a.getCount() + ": the budget is spent; Kubernetes stops the trainer at its deadline after a final checkpoint";
                case TRAINING -> "attempt " + a.getCount() + " is running";
                default -> "attempt " + a.getCount() + ": waiting for the trainer pod to start"
                        + (s.reason() == null ? "" : " (" + s.reason() + (s.message() == null ? "" : ": " + s.message()) + ")");
            };
            TrainerRun run = currentRun(in, a);
            // Only a running pod spends budget with time; a waiting one changes by events (pod, Job), or gives up.
            Duration requeue = running ? in.settings().refresh() : giveUpAt == null ? null : Duration.between(in.now(), giveUpAt);
            return new Decision(phase, activity, message, a, run, false, false, null, requeue,
                    blocker.map(StartBlocker::reason).orElse(activity.reason()));
        }

        // 4. Start the planned attempt, or create the current attempt's missing Job.
        if (suspend) {
            return suspended(in, a);
        }
        if (exhausted) {
            return budgetExhausted(in, a);
        }
        Instant next = a.getNextAttemptAt() == null ? null : Instant.parse(a.getNextAttemptAt());
        if (next != null && in.now().isBefore(next)) {
            Duration wait = Duration.between(in.now(), next);
            return new Decision(Phase.PENDING, Activity.BACKING_OFF, "attempt " + (a.getCount() + 1) + " starts at " + next
                    + " (restarts " + a.getRestarts() + " of " + maxRestarts + ", disruptions " + a.getEvictions() + " of "
                    + spec.getRestartPolicy().getMaxDisruptions() + ")", a, null, false, false, null, wait);
        }
        if (in.trainerPodsAlive()) {
            return new Decision(Phase.PENDING, Activity.WAITING_FOR_PREVIOUS_ATTEMPT,
                    "waiting for the previous trainer pod to stop before attempt " + (next != null ? a.getCount() + 1 : a.getCount()) + " starts",
                    a, null, false, false, null, null);
        }
        if (next != null) {
            a.setCount(a.getCount() + 1);
            a.setNextAttemptAt(null);
        }
        int devices = ComputeBudget.of(spec).devices();
        TrainerRun run = new TrainerRun(a.getCount(), in.used(), devices, BudgetPolicy.deadlineSeconds(spec, in.used(), devices));
        return new Decision(Phase.PENDING, Activity.STARTING_TRAINER, "starting attempt " + a.getCount(), a, run, false, false, null, null);
    }

    /**
     * The attempt's Job waits for Kueue to admit it. Nothing runs, so nothing is billed and no start time-out applies:
     * how long a queue holds a search is the queue's policy. A budget spent meanwhile (lowered) ends the wait: a Job's
     * deadline does not run while it is suspended, so an admitted trainer would only stop at once.
     */
    private static Decision queued(LifecycleInput in, AttemptsStatus a, boolean exhausted) {
        if (exhausted) {
            return budgetExhausted(in, a);
        }
        AttemptState s = in.attempt();
        String queue = in.spec().getResources().getQueueName();
        String message = "attempt " + a.getCount() + " is queued in Kueue (LocalQueue " + queue + "): "
                + (s.message() != null ? s.message()
                        : "waiting for Kueue to admit the trainer Job (no reason from Kueue yet; with the chart's watchKueueWorkloads the"
                                + " operator shows Kueue's own)");
        return new Decision(Phase.PENDING, Activity.QUEUED, message, a, currentRun(in, a), false, false, null, null);
    }

    /** The current attempt, kept: its deadline follows budget edits from the usage recorded at its start. */
    private static TrainerRun currentRun(LifecycleInput in, AttemptsStatus a) {
        TrainerRun recorded = in.currentRun();
        return recorded == null
                ? new TrainerRun(a.getCount(), in.used(), ComputeBudget.of(in.spec()).devices(), null)
                : new TrainerRun(a.getCount(), recorded.before(), recorded.devices(),
                        BudgetPolicy.deadlineSeconds(in.spec(), recorded.before(), recorded.devices()));
    }

    private static Decision complete(LifecycleInput in, AttemptsStatus a, TrainerOutcome why) {
        Activity activity = Activity.completedBy(why);
        String done = why == TrainerOutcome.TARGET_REACHED ? "the child reached the target accuracy" : "all epochs are done";
        if (!in.spec().getServing().getEnabled()) {
            return new Decision(Phase.SUCCEEDED, activity, done + "; serving is disabled", a, null, false, false, why, null);
        }
        if (!in.childKnown()) {
            return new Decision(Phase.PROMOTING, activity, done + "; the child is not published for serving (no ConfigMaps in"
                    + " status.child: a trainer image older than the operator?)", a, null, false, false, why, null);
        }
        boolean ready = servingReady(in);
        return new Decision(ready ? Phase.SERVING : Phase.PROMOTING, activity,
                done + (ready ? "; the child is served" : "; the child is being promoted to serving"), a, null, true, ready, why, null);
    }

    /**
     * The trainer pod did not start ({@code blocker}, past its time): the search is Failed with Kubernetes' reason,
     * its Job deleted (nothing was billed: no container ran), until the spec is edited.
     */
    private static Decision notStarted(AttemptsStatus a, StartBlocker blocker) {
        a.setNextAttemptAt(null);
        FailureRecord last = a.getLastFailure();
        String detail = last == null || last.getMessage() == null ? "" : ": " + last.getMessage();
        return new Decision(Phase.FAILED, Activity.TRAINER_NOT_STARTED,
                "the trainer pod of attempt " + a.getCount() + " did not start (" + blocker.reason() + detail
                        + "); edit the spec (e.g. spec.trainerImage) to try again",
                a, null, false, false, null, null, blocker.reason());
    }

    /**
     * The trainer saw fewer GPUs than its pod was given and stopped before training: the search is Failed with
     * {@code GPUNotVisible} and the trainer's own account of what it saw, billed for the seconds it ran, until the
     * spec is edited. Restarting the same spec on the same nodes would only fail again.
     */
    private static Decision gpuNotVisible(AttemptsStatus a) {
        a.setNextAttemptAt(null);
        FailureRecord last = a.getLastFailure();
        String saw = last == null || last.getMessage() == null || last.getMessage().isBlank()
                ? "it sees fewer GPUs than its pod was given" : last.getMessage().strip().replaceFirst("\\.$", "");
        return new Decision(Phase.FAILED, Activity.GPU_NOT_VISIBLE,
                "the trainer of attempt " + a.getCount() + " stopped (exit 69): " + saw
                        + "; edit the spec (e.g. spec.trainerImage) to try again",
                a, null, false, false, null, null);
    }

    private static Decision budgetExhausted(LifecycleInput in, AttemptsStatus a) {
        a.setNextAttemptAt(null);
        boolean serve = in.spec().getServing().getEnabled() && in.childKnown();
        String message = "the compute budget is spent" + (serve ? "; the best child so far is served"
                : in.childKnown() ? "; serving is disabled" : "; no child was exported");
        return new Decision(Phase.BUDGET_EXHAUSTED, Activity.BUDGET_EXHAUSTED, message, a, null, serve, serve && servingReady(in), null, null);
    }

    private static Decision suspended(LifecycleInput in, AttemptsStatus a) {
        String message = in.attempt().active() || in.trainerPodsAlive()
                ? "spec.suspend is true: the trainer is stopping after a final checkpoint"
                : "spec.suspend is true: the trainer is stopped; setting it to false resumes from the latest checkpoint";
        return new Decision(Phase.SUSPENDED, Activity.SUSPENDED, message, a, null, false, false, null, null);
    }

    private static Decision failed(LifecycleInput in, AttemptsStatus a, Activity why) {
        FailureRecord last = a.getLastFailure();
        String cause = last == null ? "" : ": " + last.getReason() + (last.getExitCode() == null ? "" : " (exit " + last.getExitCode() + ")")
                + (last.getMessage() == null ? "" : " " + last.getMessage());
        String message = switch (why) {
            case INPUT_REJECTED -> "the trainer rejected its input" + cause;
            case DISRUPTIONS_EXHAUSTED -> "the trainer was stopped " + a.getEvictions() + " times, more than spec.restartPolicy.maxDisruptions"
                    + cause;
            default -> "the trainer failed after " + a.getRestarts() + " restarts" + cause;
        };
        return new Decision(Phase.FAILED, why, message, a, null, false, false, null, null);
    }

    private static boolean servingReady(LifecycleInput in) {
        Integer ready = in.servingReadyReplicas();
        return ready != null && ready >= in.spec().getServing().getReplicas();
    }

    private static void plan(AttemptsStatus a, Instant at) {
        a.setNextAttemptAt(at.toString());
    }

    private static FailureRecord failure(AttemptState s, FailureRecord previous, Instant now) {
        FailureRecord record = new FailureRecord();
        record.setReason(s.reason());
        record.setMessage(s.message());
        record.setExitCode(s.exitCode());
        if (s.finishedAt() != null) {
            record.setTime(s.finishedAt().toString());
        } else if (previous != null && Objects.equals(previous.getReason(), s.reason()) && Objects.equals(previous.getExitCode(), s.exitCode())
                && Objects.equals(previous.getMessage(), s.message())) {
            record.setTime(previous.getTime());
        } else {
            record.setTime(now.toString());
        }
        return record;
    }

    private static AttemptsStatus copy(AttemptsStatus previous) {
        AttemptsStatus a = new AttemptsStatus();
        a.setCount(previous == null || previous.getCount() == null ? 0 : previous.getCount());
        a.setRestarts(previous == null || previous.getRestarts() == null ? 0 : previous.getRestarts());
        a.setEvictions(previous == null || previous.getEvictions() == null ? 0 : previous.getEvictions());
        a.setLastFailure(previous == null ? null : previous.getLastFailure());
        a.setNextAttemptAt(previous == null ? null : previous.getNextAttemptAt());
        return a;
    }
}
