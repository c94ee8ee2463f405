package io.kubenas.trainer.search;

import io.kubenas.api.budget.Usage;
import io.kubenas.trainer.child.ChildPublisher;
import io.kubenas.trainer.data.DatasetLocations;
import io.kubenas.trainer.progress.ProgressReporter;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Where and how a search runs: everything that differs between a trainer pod, a local run and a test.
 *
 * @param workDir checkpoints, progress.json and the exported child go here
 * @param data where datasets are read from
 * @param reporter where progress goes
 * @param stop set when the process must stop (SIGTERM)
 * @param clock the budget's clock
 * @param attempt which attempt (pod) of the search this is, from 1
 * @param usedBefore device- and wall seconds the operator counted for earlier attempts
 * @param specEdits where edits of the running search's target and budget come from
 * @param missingGpus what to do when the engine sees fewer GPUs than the spec asks for
 * @param childPublisher where an exported child is published for serving pods (nowhere on a local run)
 */
public record RunEnvironment(Path workDir, DatasetLocations data, ProgressReporter reporter, GracefulStop stop, Clock clock,
        int attempt, Usage usedBefore, SpecEdits.Source specEdits, MissingGpus missingGpus, ChildPublisher childPublisher) {

    /** A local run (or a test) whose spec does not change while it runs. */
    public RunEnvironment(Path workDir, DatasetLocations data, ProgressReporter reporter, GracefulStop stop, Clock clock,
            int attempt, Usage usedBefore) {
        this(workDir, data, reporter, stop, clock, attempt, usedBefore, SpecEdits.none(), MissingGpus.USE_WHAT_IS_THERE, ChildPublisher.NONE);
    }
}
