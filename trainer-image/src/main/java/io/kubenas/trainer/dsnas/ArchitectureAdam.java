package io.kubenas.trainer.dsnas;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Adam on α, as PyTorch's {@code torch.optim.Adam} without weight decay (DSNAS uses betas 0.5 / 0.999):
 * m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², α ← α − lr·m̂ / (√v̂ + ε) with bias-corrected m̂, v̂.
 * One step counter for the whole α, like PyTorch's single α tensor. Fixed rows are skipped: their moments
 * stay as they were and their logits do not move.
 */
public final class ArchitectureAdam {
    static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double[][] m;
    private final double[][] v;
    private long steps;

    public ArchitectureAdam(ArchitectureParameters alpha, double learningRate, double beta1, double beta2) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.m = new double[alpha.layerCount()][];
        this.v = new double[alpha.layerCount()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[alpha.candidateCount(i)];
            v[i] = new double[alpha.candidateCount(i)];
        }
    }

    /** One update of every non-fixed row of {@code alpha} with gradient {@code grad}. */
    public void step(ArchitectureParameters alpha, double[][] grad) {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        for (int i = 0; i < m.length; i++) {
            if (alpha.isFixed(i)) {
                continue;
            }
            double[] delta = new double[m[i].length];
            for (int c = 0; c < delta.length; c++) {
                double g = grad[i][c];
                m[i][c] = beta1 * m[i][c] + (1 - beta1) * g;
                v[i][c] = beta2 * v[i][c] + (1 - beta2) * g * g;
                double mHat = m[i][c] / correction1;
                double vHat = v[i][c] / correction2;
                delta[c] = -learningRate * mHat / (Math.sqrt(vHat) + EPSILON);
            }
            alpha.add(i, delta);
        }
    }

    /** Updates taken so far. */
    public long steps() {
        return steps;
    }

    public double[][] secondMoments() {
        return copy(v);
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeLong(steps);
        out.writeInt(m.length);
        for (int i = 0; i < m.length; i++) {
            out.writeInt(m[i].length);
            for (int c = 0; c < m[i].length; c++) {
                out.writeDouble(m[i][c]);
                out.writeDouble(v[i][c]);
            }
        }
    }

    /** Restores moments and step count written by {@link #write} (the shapes must match). */
    public void read(DataInputStream in) throws IOException {
        long readSteps = in.readLong();
        int layers = in.readInt();
        if (layers != m.length) {
            throw new IOException("Adam state has " + layers + " layers, expected " + m.length);
        }
        for (int i = 0; i < layers; i++) {
            int n = in.readInt();
            if (n != m[i].length) {
                throw new IOException("Adam state layer " + i + " has " + n + " candidates, expected " + m[i].length);
            }
            for (int c = 0; c < n; c++) {
                m[i][c] = in.readDouble();
                v[i][c] = in.readDouble();
            }
        }
        steps = readSteps;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
