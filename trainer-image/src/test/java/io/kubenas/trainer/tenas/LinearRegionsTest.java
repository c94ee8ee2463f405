package io.kubenas.trainer.tenas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearRegionsTest {

    /**
     * A 1-D input into one ReLU layer: unit i is on when w_i·x + b_i > 0, i.e. on one side of its breakpoint
     * -b_i / w_i. k distinct breakpoints inside the sampled interval cut it into exactly k + 1 regions.
     */
    @Test
    void oneReluLayerOnALineHasOneRegionMoreThanItHasBreakpoints() {
        double[] w = {1.0, -2.0, 0.5, 3.0};
        double[] b = {0.5, 0.2, 0.1, -1.5}; // breakpoints -0.5, 0.1, -0.2, 0.5
        LinearRegions regions = new LinearRegions();
        Random random = new Random(1);
        for (int n = 0; n < 5000; n++) {
            double x = -1 + 2 * random.nextDouble();
            float[] pre = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                pre[i] = (float) (w[i] * x + b[i]);
            }
            regions.addPreActivations(pre);
        }
        assertThat(regions.count()).isEqualTo(5);
    }

    @Test
    void breakpointsOutsideTheSampledRangeAddNoRegion() {
        LinearRegions regions = new LinearRegions();
        for (int n = 0; n <= 100; n++) {
            double x = n / 100.0;
            regions.addPreActivations(new float[] {(float) (x - 5), (float) (x + 5), (float) (x - 0.5)});
        }
        assertThat(regions.count()).isEqualTo(2);
    }

    @Test
    void patternsLongerThanSixtyFourUnitsAreCompared() {
        LinearRegions regions = new LinearRegions();
        boolean[] a = new boolean[130];
        boolean[] b = new boolean[130];
        b[129] = true;
        regions.add(a);
        regions.add(a.clone());
        regions.add(b);
        assertThat(regions.count()).isEqualTo(2);
    }
}
