package io.kubenas.trainer.tenas;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The condition number of the empirical neural tangent kernel: Θ = G·Gᵀ where row n of G is the gradient of
 * sample n's summed logits with respect to every weight. κ = λmax / λmin, in float64. Low κ means the network
 * is easy to train (TE-NAS, docs/algorithms.md §3.2).
 */
public final class NtkConditionNumber {
    /**
     * What an unusable kernel counts as: a NaN, infinite or non-positive smallest eigenvalue means the kernel
     * is (numerically) singular, i.e. as badly conditioned as it gets.
     */
    public static final double SINGULAR = 1e5;

    private NtkConditionNumber() {
    }

    /** κ of Θ = G·Gᵀ for per-sample gradient rows {@code g[n]} (all of the same length). */
    public static double fromGradients(double[][] g) {
        return fromKernel(gram(g));
    }

    /** Θ = G·Gᵀ. */
    public static double[][] gram(double[][] g) {
        DMatrixRMaj gm = new DMatrixRMaj(g);
        DMatrixRMaj theta = new DMatrixRMaj(g.length, g.length);
        CommonOps_DDRM.multTransB(gm, gm, theta);
        double[][] out = new double[g.length][g.length];
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                out[i][j] = theta.get(i, j);
            }
        }
        return out;
    }

    /** κ of a symmetric kernel matrix. */
    public static double fromKernel(double[][] theta) {
        int n = theta.length;
        DMatrixRMaj m = new DMatrixRMaj(theta);
        if (!finite(m)) {
            return SINGULAR;
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(m)) {
            return SINGULAR;
        }
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            double lambda = eig.getEigenvalue(i).getReal();
            max = Math.max(max, lambda);
            min = Math.min(min, lambda);
        }
        if (!Double.isFinite(min) || !Double.isFinite(max) || min <= 0) {
            return SINGULAR;
        }
        return Math.min(SINGULAR, max / min);
    }

    private static boolean finite(DMatrixRMaj m) {
        for (double v : m.data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
