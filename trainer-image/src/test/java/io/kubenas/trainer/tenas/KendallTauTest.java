package io.kubenas.trainer.tenas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KendallTauTest {

    @Test
    void identicalAndReversedOrdersGivePlusAndMinusOne() {
        double[] x = {1, 2, 3, 4};
        assertThat(KendallTau.tauB(x, new double[] {10, 20, 30, 40})).isEqualTo(1.0);
        assertThat(KendallTau.tauB(x, new double[] {40, 30, 20, 10})).isEqualTo(-1.0);
    }

    @Test
    void oneSwappedPairWithoutTies() {
        // 6 pairs, only (2nd, 3rd) discordant: (5 − 1) / 6
        assertThat(KendallTau.tauB(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4})).isCloseTo(4.0 / 6, within(1e-12));
    }

    @Test
    void tiesShrinkTheDenominatorAsInTauB() {
        // Pairs: 4 concordant, 1 tied in x only, 1 tied in y only: 4 / √((6 − 1)(6 − 1)) = 0.8 (scipy agrees).
        assertThat(KendallTau.tauB(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 3})).isCloseTo(0.8, within(1e-12));
        // 10 pairs: 7 concordant, 1 discordant, 1 tied in x, 1 tied in y: 6 / √(9 · 9).
        assertThat(KendallTau.tauB(new double[] {1, 2, 3, 3, 4}, new double[] {2, 1, 3, 4, 4})).isCloseTo(6.0 / 9, within(1e-12));
    }

    @Test
    void aPairTiedInBothCountsInBothTieTotals() {
        // (1st, 2nd) tied in both; the other 2 pairs concordant: 2 / √((3 − 1)(3 − 1)) = 1.
        assertThat(KendallTau.tauB(new double[] {1, 1, 2}, new double[] {5, 5, 7})).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aConstantRankingHasNoCorrelation() {
        assertThat(KendallTau.tauB(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }

    @Test
    void bootstrapOfAPerfectOrderIsOneAndIsReproducible() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] noisy = {1, 3, 2, 4, 6, 5};
        assertThat(KendallTau.bootstrap(x, x, 200, 0.95, 1)).isEqualTo(new KendallTau.Interval(1.0, 1.0));
        KendallTau.Interval interval = KendallTau.bootstrap(x, noisy, 200, 0.95, 1);
        assertThat(interval).isEqualTo(KendallTau.bootstrap(x, noisy, 200, 0.95, 1));
        assertThat(interval.low()).isLessThan(KendallTau.tauB(x, noisy));
        assertThat(interval.high()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void tiedValuesShareTheMeanOfTheirRanks() {
        assertThat(KendallTau.averageRanks(new double[] {30, 10, 20, 10})).containsExactly(4, 1.5, 3, 1.5);
    }
}
