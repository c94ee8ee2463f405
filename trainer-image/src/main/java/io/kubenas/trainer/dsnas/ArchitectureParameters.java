package io.kubenas.trainer.dsnas;

import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.ArchitectureStatus;
import io.kubenas.api.v1alpha1.LayerChoice;
import io.kubenas.trainer.random.SplitMix64;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The architecture distribution α: one row of logits per choice layer over that layer's candidates
 * (rows may differ in length once TE-NAS has pruned some layers). p_i = softmax(α_i).
 *
 * <p>A layer can be <em>fixed</em> (early fixing, or a layer with a single candidate): it always takes
 * its fixed candidate and its row no longer changes. α is a few dozen numbers, so it lives in plain Java
 * doubles rather than on the device.
 */
public final class ArchitectureParameters {
    private final double[][] logits;
    private final int[] fixedChoice;

    private ArchitectureParameters(double[][] logits) {
        this.logits = logits;
        this.fixedChoice = new int[logits.length];
        Arrays.fill(fixedChoice, -1);
    }

    /** The DSNAS initialisation: every logit N(1, 0.01²), from the seed alone. */
    public static ArchitectureParameters initial(ResolvedSearchSpace space, long seed) {
        SplitMix64 random = new SplitMix64(SplitMix64.mix(seed, SearchStreams.ARCHITECTURE_INIT));
        double[][] rows = new double[space.layers().size()][];
        for (ResolvedLayer layer : space.layers()) {
            rows[layer.index()] = new double[layer.candidates().size()];
            for (int c = 0; c < rows[layer.index()].length; c++) {
                rows[layer.index()][c] = 1.0 + 0.01 * random.nextGaussian();
            }
        }
        return new ArchitectureParameters(rows);
    }

    /** Given logits (copied). */
    public static ArchitectureParameters of(double[][] logits) {
        double[][] rows = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            if (logits[i].length == 0) {
                throw new IllegalArgumentException("layer " + i + " has no candidates");
            }
            rows[i] = logits[i].clone();
        }
        return new ArchitectureParameters(rows);
    }

    public int layerCount() {
        return logits.length;
    }

    public int candidateCount(int layer) {
        return logits[layer].length;
    }

    public double[] logits(int layer) {
        return logits[layer].clone();
    }

    /** A copy of every row. */
    public double[][] logits() {
        double[][] copy = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            copy[i] = logits[i].clone();
        }
        return copy;
    }

    /** Adds {@code delta} to layer {@code layer}'s logits (the optimizer's move); fixed rows refuse. */
    void add(int layer, double[] delta) {
        if (isFixed(layer)) {
            throw new IllegalStateException("layer " + layer + " is fixed");
        }
        for (int c = 0; c < delta.length; c++) {
            logits[layer][c] += delta[c];
        }
    }

    /** softmax(α_i), computed stably. */
    public double[] probabilities(int layer) {
        double[] row = logits[layer];
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double[] p = new double[row.length];
        double sum = 0;
        for (int c = 0; c < row.length; c++) {
            p[c] = Math.exp(row[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < row.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** The distribution a path is sampled from: one-hot on the fixed candidate for a fixed layer. */
    public double[] samplingProbabilities(int layer) {
        if (isFixed(layer)) {
            double[] p = new double[logits[layer].length];
            p[fixedChoice[layer]] = 1.0;
            return p;
        }
        return probabilities(layer);
    }

    /** The fixed candidate, or the most probable one (lowest index on ties). */
    public int choice(int layer) {
        if (isFixed(layer)) {
            return fixedChoice[layer];
        }
        double[] row = logits[layer];
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    /** The child network's architecture: {@link #choice} of every layer. */
    public int[] derivedPath() {
        int[] path = new int[logits.length];
        for (int i = 0; i < path.length; i++) {
            path[i] = choice(i);
        }
        return path;
    }

    public boolean isFixed(int layer) {
        return fixedChoice[layer] >= 0;
    }

    /** -1 when the layer is not fixed. */
    public int fixedChoice(int layer) {
        return fixedChoice[layer];
    }

    /** Fixes the layer to {@code candidate} from now on; its logits stay as they are. */
    public void fix(int layer, int candidate) {
        if (candidate < 0 || candidate >= logits[layer].length) {
            throw new IllegalArgumentException("layer " + layer + " has no candidate " + candidate);
        }
        fixedChoice[layer] = candidate;
    }

    /** The status shape: op, probability of each candidate and whether the layer is fixed. */
    public ArchitectureStatus toStatus(ResolvedSearchSpace space) {
        List<LayerChoice> layers = new ArrayList<>();
        for (ResolvedLayer layer : space.layers()) {
            int i = layer.index();
            double[] p = probabilities(i);
            Map<String, Double> named = new LinkedHashMap<>();
            for (int c = 0; c < p.length; c++) {
                named.put(layer.candidates().get(c).wireName(), p[c]);
            }
            layers.add(LayerChoice.builder().layer(i).op(layer.candidates().get(choice(i)).wireName())
                    .probabilities(named).fixed(isFixed(i)).build());
        }
        return ArchitectureStatus.builder().layers(layers).build();
    }

    /** Writes logits and fixed choices exactly (doubles as bits). */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(logits.length);
        for (int i = 0; i < logits.length; i++) {
            out.writeInt(logits[i].length);
            for (double v : logits[i]) {
                out.writeDouble(v);
            }
            out.writeInt(fixedChoice[i]);
        }
    }

    public static ArchitectureParameters read(DataInputStream in) throws IOException {
        int layers = in.readInt();
        double[][] rows = new double[layers][];
        int[] fixed = new int[layers];
        for (int i = 0; i < layers; i++) {
            rows[i] = new double[in.readInt()];
            for (int c = 0; c < rows[i].length; c++) {
                rows[i][c] = in.readDouble();
            }
            fixed[i] = in.readInt();
        }
        ArchitectureParameters alpha = new ArchitectureParameters(rows);
        System.arraycopy(fixed, 0, alpha.fixedChoice, 0, layers);
        return alpha;
    }

    /** Replaces this object's values with {@code other}'s (same shape), keeping references valid. */
    public void copyFrom(ArchitectureParameters other) {
        if (other.logits.length != logits.length) {
            throw new IllegalArgumentException("layer counts differ: " + other.logits.length + " vs " + logits.length);
        }
        for (int i = 0; i < logits.length; i++) {
            if (other.logits[i].length != logits[i].length) {
                throw new IllegalArgumentException("layer " + i + ": candidate counts differ");
            }
            System.arraycopy(other.logits[i], 0, logits[i], 0, logits[i].length);
            fixedChoice[i] = other.fixedChoice[i];
        }
    }
}
