package io.kubenas.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.kubenas.api.v1alpha1.AttemptsStatus;
import io.kubenas.api.v1alpha1.CheckpointRecord;
import io.kubenas.api.v1alpha1.CheckpointsStatus;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.FailureRecord;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import io.kubenas.api.v1alpha1.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionEventsTest {
    private static NasSearchStatus status(Phase phase, int count, int restarts, int evictions) {
        NasSearchStatus status = new NasSearchStatus();
        status.setPhase(phase);
        AttemptsStatus attempts = new AttemptsStatus();
        attempts.setCount(count);
        attempts.setRestarts(restarts);
        attempts.setEvictions(evictions);
        FailureRecord failure = new FailureRecord();
        failure.setReason("Error");
        failure.setExitCode(1);
        attempts.setLastFailure(failure);
        status.setAttempts(attempts);
        status.setConditions(new ArrayList<>(List.of(new ConditionBuilder().withType("Progressing").withStatus("True")
                .withReason("TrainerRunning").withMessage("attempt " + count + " is running").build())));
        return status;
    }

    private static List<EventReason> reasons(NasSearchStatus before, NasSearchStatus after) {
        return TransitionEvents.between(before, after).stream().map(TransitionEvent::reason).toList();
    }

    @Test
    void phaseChangeEmitsOneEventWithTheActivityMessage() {
        List<TransitionEvent> events = TransitionEvents.between(status(Phase.PENDING, 1, 0, 0), status(Phase.SEARCHING, 1, 0, 0));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(EventReason.SEARCHING);
            assertThat(e.message()).isEqualTo("attempt 1 is running");
        });
    }

    @Test
    void nothingChangedNoEvent() {
        assertThat(TransitionEvents.between(status(Phase.SEARCHING, 1, 0, 0), status(Phase.SEARCHING, 1, 0, 0))).isEmpty();
    }

    @Test
    void newSearchStartingItsTrainerSaysSo() {
        assertThat(reasons(null, status(Phase.PENDING, 1, 0, 0))).containsExactly(EventReason.TRAINER_STARTED);
    }

    @Test
    void restartAndEvictionAreWarnings() {
        assertThat(reasons(status(Phase.SEARCHING, 1, 0, 0), status(Phase.PENDING, 1, 1, 0))).containsExactly(EventReason.RESTART_SCHEDULED);
        assertThat(reasons(status(Phase.SEARCHING, 1, 0, 0), status(Phase.PENDING, 2, 0, 1)))
                .containsExactly(EventReason.EVICTED, EventReason.TRAINER_STARTED);
        assertThat(EventReason.RESTART_SCHEDULED.type()).isEqualTo("Warning");
        assertThat(EventReason.SEARCHING.type()).isEqualTo("Normal");
    }

    @Test
    void resumingFromSuspendIsResumed() {
        assertThat(reasons(status(Phase.SUSPENDED, 1, 0, 0), status(Phase.PENDING, 2, 0, 0)))
                .containsExactly(EventReason.TRAINER_STARTED, EventReason.RESUMED);
    }

    @Test
    void newCheckpointAndChildAreReportedOnce() {
        NasSearchStatus before = status(Phase.SEARCHING, 1, 0, 0);
        NasSearchStatus after = status(Phase.SEARCHING, 1, 0, 0);
        CheckpointRecord latest = new CheckpointRecord();
        latest.setName("epoch-0003");
        latest.setEpoch(3);
        after.setCheckpoints(new CheckpointsStatus());
        after.getCheckpoints().setLatest(latest);
        ChildStatus child = new ChildStatus();
        child.setPath("child");
        child.setSha256("abc");
        after.setChild(child);
        assertThat(reasons(before, after)).containsExactly(EventReason.CHECKPOINT_SAVED, EventReason.CHILD_EXPORTED);
        assertThat(reasons(after, after)).isEmpty();
    }

    @Test
    void joiningKueuesQueueEmitsQueuedWithKueuesReasonOnce() {
        NasSearchStatus queued = status(Phase.PENDING, 2, 0, 0);
        queued.getConditions().get(0).setReason("Queued");
        queued.getConditions().get(0).setMessage("attempt 2 is queued in Kueue (LocalQueue q): Pending: insufficient unused quota");
        List<TransitionEvent> events = TransitionEvents.between(status(Phase.SEARCHING, 1, 0, 0), queued);
        assertThat(events).extracting(TransitionEvent::reason).containsExactly(EventReason.TRAINER_STARTED, EventReason.QUEUED);
        assertThat(events.get(1).message()).contains("Pending: insufficient unused quota");
        assertThat(TransitionEvents.between(queued, queued)).isEmpty();
    }
}
