package io.kubenas.trainer.report;

import io.kubenas.api.progress.history.AttemptStart;
import io.kubenas.api.progress.history.CheckpointEvent;
import io.kubenas.api.progress.history.EarlyFix;
import io.kubenas.api.progress.history.SearchHistory;
import io.kubenas.api.progress.history.StageChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The checkpoints on a time axis, with what explains them, one lane each: the attempts (which checkpoint each resumed
 * from), the stage changes and early fixing.
 *
 * @param lanes the lane names, top to bottom
 * @param events in time order
 */
record CheckpointTimeline(List<String> lanes, List<Event> events) {
    static final List<String> LANES = List.of("attempts", "stages", "early fixing", "checkpoints");

    /**
     * @param time RFC 3339
     * @param lane index into {@link #LANES}
     * @param label short, shown on the point
     * @param detail shown in the tooltip
     */
    record Event(String time, int lane, String label, String detail) {
    }

    static CheckpointTimeline of(SearchHistory history) {
        List<Event> events = new ArrayList<>();
        for (AttemptStart a : history.getAttempts()) {
            events.add(new Event(a.getTime(), 0, "attempt " + a.getAttempt(), a.getResumedFrom() == null
                    ? "started fresh" : "resumed from " + a.getResumedFrom() + " (" + a.getEpoch() + " epochs, " + a.getStep() + " steps done)"));
        }
        for (StageChange s : history.getStages()) {
            events.add(new Event(s.getTime(), 1, s.getStage().display(), "after " + s.getEpoch() + " epochs, step " + s.getStep()
                    + ", attempt " + s.getAttempt()));
        }
        for (EarlyFix f : history.getEarlyFixes()) {
            events.add(new Event(f.getTime(), 2, "L" + f.getLayer() + " " + f.getOp(), "fixed at the start of epoch " + f.getEpoch()
                    + " with probability " + f.getProbability()));
        }
        for (CheckpointEvent c : history.getCheckpoints()) {
            events.add(new Event(c.getTime(), 3, c.getName() == null ? "checkpoint" : c.getName(), "epoch " + c.getEpoch() + ", step "
                    + c.getStep() + ", attempt " + c.getAttempt() + (c.getValidationAccuracy() == null ? "" : ", validation accuracy "
                    + c.getValidationAccuracy())));
        }
        if (events.isEmpty()) {
            return null;
        }
        events.sort(Comparator.comparing(e -> Instant.parse(e.time())));
        return new CheckpointTimeline(LANES, events);
    }
}
