package io.kubenas.trainer.search;

import io.kubenas.api.progress.TrainerExitCode;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param outcome why it ended
 * @param summary the final progress (also written to the termination log)
 * @param childDir the exported child, or null when none was exported (a stop)
 * @param report the search report written into the work dir, or null when it could not be written
 */
public record SearchOutcome(TrainerOutcome outcome, TrainerProgress summary, Path childDir, Path report) {

    public TrainerExitCode exitCode() {
        return outcome == TrainerOutcome.STOPPED ? TrainerExitCode.STOPPED_RESUMABLE
                : outcome == TrainerOutcome.FAILED ? TrainerExitCode.FAILED : TrainerExitCode.FINISHED;
    }
}
