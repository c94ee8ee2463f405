package io.kubenas.trainer.search;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunState(TrainerStage stage, int epoch, int batch, double bestAccuracy, Double lastAccuracy, int[] childPath,
        double deviceSecondsUsed) {
    public static final String FILE = "run-state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static RunState start(double deviceSecondsUsed) {
        return new RunState(TrainerStage.SEARCHING, 0, 0, 0.0, null, null, deviceSecondsUsed);
    }

    public RunState at(int newEpoch, int newBatch) {
        return new RunState(stage, newEpoch, newBatch, bestAccuracy, lastAccuracy, childPath, deviceSecondsUsed);
    }

    public RunState evaluated(double accuracy) {
        return new RunState(stage, epoch, batch, Math.max(bestAccuracy, accuracy), accuracy, childPath, deviceSecondsUsed);
    }

    public RunState inChildPhase(int[] path) {
        return new RunState(TrainerStage.CHILD_TRAINING, epoch, batch, bestAccuracy, lastAccuracy, path.clone(), deviceSecondsUsed);
    }

    public RunState withDeviceSeconds(double used) {
        return new RunState(stage, epoch, batch, bestAccuracy, lastAccuracy, childPath, used);
    }

    public void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    public static RunState read(Path dir) throws IOException {
        return JSON.readValue(Files.readAllBytes(dir.resolve(FILE)), RunState.class);
    }
}
