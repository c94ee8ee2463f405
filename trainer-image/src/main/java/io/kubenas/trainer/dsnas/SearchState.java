package io.kubenas.trainer.dsnas;

import ai.djl.MalformedModelException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a {@link SearchStep} needs to continue exactly where it stopped, as three files:
 * <ul>
 *   <li>{@value #PARAMETERS}: the supernet's parameters and BatchNorm statistics (DJL's
 *   {@code saveParameters} format);</li>
 *   <li>{@value #ARCHITECTURE}: the step counter, the frozen flag, α with its fixed layers, and Adam's
 *   moments and step count (doubles written bit-exactly);</li>
 *   <li>{@value #MOMENTUM}: the SGD momentum buffers of the parameters updated so far, by name.</li>
 * </ul>
 * There is no random-generator state to save: paths and engine seeds are functions of (seed, step).
 * The checkpoint module writes these into its temporary directory and hashes them.
 */
public final class SearchState {
    public static final String PARAMETERS = "supernet.params";
    public static final String ARCHITECTURE = "architecture.bin";
    public static final String MOMENTUM = "weight-momentum.ndlist";
    public static final List<String> FILES = List.of(PARAMETERS, ARCHITECTURE, MOMENTUM);

    private static final int FORMAT = 1;

    private SearchState() {
    }

    /** Writes the three files into {@code dir} (which must exist). */
    public static void write(SearchStep step, Path dir) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(PARAMETERS))))) {
            step.supernet().saveParameters(out);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(ARCHITECTURE)))) {
            writeArchitecture(step, out);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(MOMENTUM)))) {
            step.weightOptimizer().write(out);
        }
    }

    /** Restores a step built for the same space and settings from files written by {@link #write}. */
    public static void read(SearchStep step, Path dir) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(PARAMETERS))))) {
            step.supernet().loadParametersInPlace(step.manager(), in);
        } catch (MalformedModelException e) {
            throw new IOException("supernet parameters in " + dir + " do not fit this search space: " + e.getMessage(), e);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(ARCHITECTURE)))) {
            readArchitecture(step, in);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(MOMENTUM)))) {
            step.weightOptimizer().read(in);
        }
    }

    /** Step counter, frozen flag, α and Adam's state. */
    public static void writeArchitecture(SearchStep step, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(FORMAT);
        out.writeLong(step.stepCount());
        out.writeBoolean(step.isArchitectureFrozenFlag());
        step.architecture().write(out);
        step.architectureOptimizer().write(out);
        out.flush();
    }

    public static void readArchitecture(SearchStep step, InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("architecture state format " + format + " is not " + FORMAT);
        }
        long steps = in.readLong();
        boolean frozen = in.readBoolean();
        ArchitectureParameters alpha = ArchitectureParameters.read(in);
        step.architecture().copyFrom(alpha);
        step.architectureOptimizer().read(in);
        step.restoreStepCount(steps);
        step.setArchitectureFrozen(frozen);
    }
}
