package io.kubenas.trainer.tenas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NtkConditionNumberTest {

    @Test
    void conditionNumberOfADiagonalKernelIsTheRatioOfItsExtremes() {
        double[][] theta = {{4, 0, 0}, {0, 2, 0}, {0, 0, 0.5}};
        assertThat(NtkConditionNumber.fromKernel(theta)).isCloseTo(8.0, within(1e-12));
    }

    @Test
    void kernelIsTheGramMatrixOfThePerSampleGradients() {
        double[][] g = {{1, 2, 0}, {0, 1, 1}};
        double[][] theta = NtkConditionNumber.gram(g);
        assertThat(theta[0]).containsExactly(5.0, 2.0);
        assertThat(theta[1]).containsExactly(2.0, 2.0);
        // eigenvalues of [[5,2],[2,2]] are 6 and 1
        assertThat(NtkConditionNumber.fromGradients(g)).isCloseTo(6.0, within(1e-9));
    }

    @Test
    void conditionNumberIsInvariantToRotatingTheGradientSpace() {
        Random random = new Random(7);
        double[][] g = new double[4][6];
        for (double[] row : g) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian();
            }
        }
        // swap two parameter coordinates and flip a sign: Θ = G·Gᵀ must not change
        double[][] h = new double[4][6];
        for (int i = 0; i < 4; i++) {
            h[i] = g[i].clone();
            h[i][0] = g[i][3];
            h[i][3] = -g[i][0];
        }
        assertThat(NtkConditionNumber.fromGradients(h)).isCloseTo(NtkConditionNumber.fromGradients(g), within(1e-9));
    }

    @Test
    void singularOrNonFiniteKernelsCountAsVeryBadlyConditioned() {
        double[][] identicalSamples = {{1, 1}, {1, 1}};
        assertThat(NtkConditionNumber.fromGradients(identicalSamples)).isEqualTo(NtkConditionNumber.SINGULAR);
        double[][] withNaN = {{1, Double.NaN}, {0, 1}};
        assertThat(NtkConditionNumber.fromGradients(withNaN)).isEqualTo(NtkConditionNumber.SINGULAR);
    }
}
