package io.kubenas.trainer.search;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import io.kubenas.trainer.dsnas.ChildStep;
import io.kubenas.trainer.dsnas.SearchState;
import io.kubenas.trainer.dsnas.SearchStep;
import io.kubenas.trainer.history.HistoryFile;
import io.kubenas.trainer.manifested.ManifestedDirectory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a search checkpoint holds, both ways: the supernet, architecture and optimiser state ({@link SearchState}),
 * the loop's {@link RunState}, the search history so far ({@link HistoryRecorder}: read back by
 * {@link HistoryRecorder#resumed}), and in the child phase the child's weights and optimiser state.
 */
final class CheckpointPayload {
    static final String CHILD_PARAMETERS = "child.params";
    static final String CHILD_STATE = "child-step.bin";

    private CheckpointPayload() {
    }

    /**
     * @param history the search history's bytes as the checkpoint must hold them
     * @param childStep the child phase's step, or null during the search phase
     */
    static ManifestedDirectory.Contents of(SearchStep search, RunState state, byte[] history, ChildStep childStep) {
        return dir -> {
            SearchState.write(search, dir);
            state.write(dir);
            Files.write(HistoryFile.in(dir), history);
            if (childStep != null) {
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(CHILD_PARAMETERS))))) {
                    childStep.child().network().saveParameters(out);
                }
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(CHILD_STATE))))) {
                    childStep.writeState(out);
                }
            }
        };
    }

    /** Puts {@code search} into the checkpoint's state; returns the loop's state as it was saved. */
    static RunState restore(Path dir, SearchStep search) throws IOException {
        SearchState.read(search, dir);
        return RunState.read(dir);
    }

    /** Puts the child phase's step, opened on the checkpoint's child path, into the checkpoint's state. */
    static void restoreChild(Path dir, ChildStep childStep, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(CHILD_PARAMETERS))))) {
            // In place: the child step's optimiser and parameter store hold these very arrays.
            childStep.child().network().loadParametersInPlace(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("child parameters in " + dir + " do not fit: " + e.getMessage(), e);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(CHILD_STATE))))) {
            childStep.readState(in);
        }
    }
}
