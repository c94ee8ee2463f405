package io.kubenas.operator.policy;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.AttemptsStatus;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.policy.AttemptState.End;
import io.kubenas.operator.policy.AttemptState.Stage;
import io.kubenas.api.budget.Usage;
import io.kubenas.operator.support.Searches;
import java.time.Duration;
import java.time.Instant;

/** A LifecycleInput builder for policy tests: a one-device-hour CPU search at T0 unless told otherwise. */
final class Inputs {
    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    NasSearchSpec spec;
    Phase phase;
    AttemptsStatus attempts = new AttemptsStatus();
    TrainerOutcome completed;
    AttemptState attempt = AttemptState.NOT_CREATED;
    TrainerRun currentRun;
    Usage used = Usage.NONE;
    boolean podsAlive;
    boolean child;
    Integer servingReady;
    TrainerStage stage;
    Instant now = T0;
    boolean specEdited;

    Inputs(String specExtra) {
        spec = Searches.fashionMnist("s", "ns", specExtra).getSpec();
    }

    Inputs() {
        this(null);
    }

    Inputs phase(Phase value) {
        phase = value;
        return this;
    }

    /** status.attempts: count, restarts, evictions, nextAttemptAt (null for none). */
    Inputs attempts(int count, int restarts, int evictions, Instant next) {
        attempts = new AttemptsStatus();
        attempts.setCount(count);
        attempts.setRestarts(restarts);
        attempts.setEvictions(evictions);
        attempts.setNextAttemptAt(next == null ? null : next.toString());
        return this;
    }

    Inputs attempt(AttemptState value) {
        attempt = value;
        return this;
    }

    Inputs run(double deviceSecondsBefore, int devices) {
        currentRun = new TrainerRun(attempts.getCount(), new Usage(deviceSecondsBefore, deviceSecondsBefore / devices), devices, null);
        return this;
    }

    Inputs used(double deviceSeconds) {
        used = new Usage(deviceSeconds, deviceSeconds);
        return this;
    }

    Decision decide() {
        return LifecyclePolicy.decide(new LifecycleInput(spec, phase, attempts, completed, attempt, currentRun, used,
                podsAlive, child, servingReady, stage, now, specEdited,
                new PolicySettings(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(30))));
    }

    static AttemptState running(Instant startedAt) {
        return new AttemptState(Stage.RUNNING, null, null, null, null, null, startedAt, null, null);
    }

    /** A pod that has not started since {@code since}, for {@code reason} (ImagePullBackOff, Unschedulable, ...). */
    static AttemptState waiting(String reason, String message, Instant since) {
        return new AttemptState(Stage.STARTING, null, null, reason, message, null, null, null, since);
    }

    static AttemptState starting() {
        return new AttemptState(Stage.STARTING, null, null, null, null, null, null, null, null);
    }

    static AttemptState ended(End end, Integer exitCode, String reason, TrainerOutcome outcome, Instant finishedAt) {
        return new AttemptState(Stage.ENDED, end, exitCode, reason, "detail", outcome, finishedAt.minusSeconds(600), finishedAt, null);
    }

    /** A Job waiting in Kueue's queue, with Kueue's reason (null: none yet). */
    static AttemptState queued(String reason, String message) {
        return new AttemptState(Stage.QUEUED, null, null, reason, message, null, null, null, null);
    }
}
