package io.kubenas.trainer.dsnas;

/**
 * The DSNAS architecture gradient (Hu et al. 2020; docs/algorithms.md §2.2). With the sampled candidate
 * s_i of layer i and its credit ∂L/∂Z_i,s_i (the gradient of the loss with respect to the gate that
 * multiplies the candidate's output):
 *
 * <pre>  ∇α_i = (∂L/∂Z_i,s_i) · (onehot(s_i) − softmax(α_i))</pre>
 *
 * It is the score-function gradient of log p(s_i) scaled by the layer's credit, a low-bias single-sample
 * estimate of ∇α E_Z[L]; when L is linear in each Z it is unbiased. Fixed layers get no gradient.
 */
public final class DsnasEstimator {
    private DsnasEstimator() {
    }

    /**
     * @param alpha the distribution the path was sampled from (before this step's update)
     * @param path the sampled candidate of each layer
     * @param credit ∂L/∂Z_i,s_i for each layer
     */
    public static double[][] architectureGradient(ArchitectureParameters alpha, int[] path, double[] credit) {
        double[][] grad = new double[alpha.layerCount()][];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = new double[alpha.candidateCount(i)];
            if (alpha.isFixed(i)) {
                continue;
            }
            double[] p = alpha.probabilities(i);
            for (int c = 0; c < p.length; c++) {
                grad[i][c] = credit[i] * ((c == path[i] ? 1.0 : 0.0) - p[c]);
            }
        }
        return grad;
    }

    /** Adds {@code b} into {@code a}, row by row. */
    public static void accumulate(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                a[i][c] += b[i][c];
            }
        }
    }
}
