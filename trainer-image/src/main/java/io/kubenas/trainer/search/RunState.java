package io.kubenas.trainer.search;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubenas.api.budget.Usage;
import io.kubenas.api.progress.TrainerStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the search loop itself must remember across a restart, next to the network and optimiser state:
 * the phase, where in the data it is, the best accuracy so far, and the compute already spent.
 *
 * @param stage SEARCHING or CHILD_TRAINING
 * @param epoch the epoch in progress (0-based, search and child epochs counted together)
 * @param batch the next batch of that epoch
 * @param bestAccuracy best validation accuracy of the derived child so far (0 when none yet)
 * @param lastAccuracy validation accuracy at the last evaluation, or null
 * @param childPath the child's candidate index per layer, once the child phase started
 * @param deviceSecondsUsed device-seconds used over every attempt when this was saved
 * @param wallSecondsUsed wall seconds used over every attempt when this was saved (0 in checkpoints older than it)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunState(TrainerStage stage, int epoch, int batch, double bestAccuracy, Double lastAccuracy, int[] childPath,
        double deviceSecondsUsed, double wallSecondsUsed) {
    public static final String FILE = "run-state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static RunState start(Usage used) {
        return new RunState(TrainerStage.SEARCHING, 0, 0, 0.0, null, null, used.deviceSeconds(), used.wallSeconds());
    }

    public RunState at(int newEpoch, int newBatch) {
        return new RunState(stage, newEpoch, newBatch, bestAccuracy, lastAccuracy, childPath, deviceSecondsUsed, wallSecondsUsed);
    }

    public RunState evaluated(double accuracy) {
        return new RunState(stage, epoch, batch, Math.max(bestAccuracy, accuracy), accuracy, childPath, deviceSecondsUsed, wallSecondsUsed);
    }

    public RunState inChildPhase(int[] path) {
        return new RunState(TrainerStage.CHILD_TRAINING, epoch, batch, bestAccuracy, lastAccuracy, path.clone(), deviceSecondsUsed, wallSecondsUsed);
    }

    /** The budget spent over every attempt when this was saved. */
    public Usage usage() {
        return new Usage(deviceSecondsUsed, wallSecondsUsed);
    }

    public RunState withUsage(Usage used) {
        return new RunState(stage, epoch, batch, bestAccuracy, lastAccuracy, childPath, used.deviceSeconds(), used.wallSeconds());
    }

    public void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    public static RunState read(Path dir) throws IOException {
        return JSON.readValue(Files.readAllBytes(dir.resolve(FILE)), RunState.class);
    }
}
