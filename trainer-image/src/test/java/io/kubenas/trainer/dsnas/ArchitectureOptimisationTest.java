package io.kubenas.trainer.dsnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubenas.api.v1alpha1.ArchitectureStatus;
import io.kubenas.api.v1alpha1.LearningRateSchedule;
import io.kubenas.trainer.searchspace.TestSpaces;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** α, its sampling, Adam, early fixing and the weight learning-rate schedule: plain Java, no engine. */
class ArchitectureOptimisationTest {

    @Test
    void logitsStartNormalAroundOneWithSpreadOfOneHundredthAndDependOnlyOnTheSeed() {
        ArchitectureParameters a = ArchitectureParameters.initial(TestSpaces.tiny(), 42);
        ArchitectureParameters b = ArchitectureParameters.initial(TestSpaces.tiny(), 42);
        assertThat(a.logits()).isDeepEqualTo(b.logits());
        assertThat(ArchitectureParameters.initial(TestSpaces.tiny(), 43).logits()).isNotEqualTo(a.logits());
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (double[] row : a.logits()) {
            assertThat(row).hasSize(4);
            for (double v : row) {
                sum += v;
                sumSq += v * v;
                n++;
            }
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(1.0, within(0.01));
        assertThat(Math.sqrt(sumSq / n - mean * mean)).isBetween(0.005, 0.02);
    }

    @Test
    void samplingFollowsTheProbabilitiesAndIsAFunctionOfSeedAndStep() {
        ArchitectureParameters alpha = ArchitectureParameters.of(new double[][] {{0, Math.log(3)}, {2, 0, 1}});
        PathSampler sampler = new PathSampler(9);
        assertThat(sampler.sampleForStep(alpha, 17)).containsExactly(sampler.sampleForStep(alpha, 17));
        int ones = 0;
        int n = 20_000;
        for (int step = 0; step < n; step++) {
            ones += sampler.sampleForStep(alpha, step)[0];
        }
        // p(candidate 1) = 3/4 on layer 0.
        assertThat((double) ones / n).isCloseTo(0.75, within(4.5 * Math.sqrt(0.75 * 0.25 / n)));
    }

    @Test
    void fixedLayersAlwaysSampleTheirCandidateWithoutShiftingOtherLayers() {
        ArchitectureParameters free = ArchitectureParameters.of(new double[][] {{0, 0, 0}, {0, 0, 0}});
        ArchitectureParameters fixed = ArchitectureParameters.of(new double[][] {{0, 0, 0}, {0, 0, 0}});
        fixed.fix(0, 2);
        PathSampler sampler = new PathSampler(1);
        for (int step = 0; step < 200; step++) {
            int[] a = sampler.sampleForStep(free, step);
            int[] b = sampler.sampleForStep(fixed, step);
            assertThat(b[0]).isEqualTo(2);
            assertThat(b[1]).isEqualTo(a[1]);
        }
    }

    @Test
    void adamMatchesPyTorchsUpdateAndSkipsFixedRows() {
        ArchitectureParameters alpha = ArchitectureParameters.of(new double[][] {{1.0, 2.0}, {0.5, 0.5}});
        alpha.fix(1, 0);
        ArchitectureAdam adam = new ArchitectureAdam(alpha, 0.1, 0.5, 0.999);
        double[][] g1 = {{0.2, -0.4}, {5, 5}};
        double[][] g2 = {{-0.1, 0.3}, {5, 5}};
        adam.step(alpha, g1);
        adam.step(alpha, g2);
        // By hand (torch.optim.Adam, eps 1e-8): two steps on logit 0 of row 0.
        double m = 0.5 * (0.5 * 0.2) + 0.5 * -0.1;
        double v = 0.999 * (0.001 * 0.04) + 0.001 * 0.01;
        double first = 1.0 - 0.1 * (0.5 * 0.2 / 0.5) / (Math.sqrt(0.001 * 0.04 / 0.001) + 1e-8);
        double second = first - 0.1 * (m / (1 - 0.25)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        assertThat(alpha.logits(0)[0]).isCloseTo(second, within(1e-12));
        assertThat(alpha.logits(1)).containsExactly(0.5, 0.5);
        assertThat(adam.secondMoments()[1]).containsOnly(0.0);
    }

    @Test
    void architectureStateRoundTripsExactly() throws Exception {
        ArchitectureParameters alpha = ArchitectureParameters.initial(TestSpaces.tiny(), 3);
        alpha.fix(2, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        alpha.write(new DataOutputStream(bytes));
        ArchitectureParameters back = ArchitectureParameters.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.logits()).isDeepEqualTo(alpha.logits());
        assertThat(back.fixedChoice(2)).isEqualTo(1);
        assertThat(back.isFixed(3)).isFalse();
    }

    @Test
    void earlyFixingFixesLayersWhoseTopTwoMarginReachesTheThresholdAndFreezesThem() {
        // Layer 0: p ≈ (0.70, 0.10, 0.10, 0.10) → margin 0.6; layer 1: uniform; layer 2: margin just under 0.3.
        double big = Math.log(7);
        ArchitectureParameters alpha = ArchitectureParameters.of(new double[][] {
            {big, 0, 0, 0}, {0, 0, 0, 0}, {Math.log(0.45 / 0.16), Math.log(0.16 / 0.16), Math.log(0.2 / 0.16), Math.log(0.19 / 0.16)}});
        assertThat(EarlyFixing.margin(alpha.probabilities(2))).isLessThan(0.3);

        List<Integer> fixed = EarlyFixing.fixDecidedLayers(alpha, 0.3);

        assertThat(fixed).containsExactly(0);
        assertThat(alpha.fixedChoice(0)).isEqualTo(0);
        assertThat(alpha.samplingProbabilities(0)).containsExactly(1.0, 0.0, 0.0, 0.0);
        assertThat(EarlyFixing.fixDecidedLayers(alpha, 0.3)).as("already fixed layers are not reported again").isEmpty();
        double[][] before = alpha.logits();
        new ArchitectureAdam(alpha, 0.1, 0.5, 0.999).step(alpha, new double[][] {{1, 1, 1, 1}, {1, -1, 0, 0}, {0, 0, 0, 0}});
        assertThat(alpha.logits(0)).as("fixed row frozen").containsExactly(before[0]);
        assertThat(alpha.logits(1)).isNotEqualTo(before[1]);
        assertThat(EarlyFixing.fixDecidedLayers(alpha, 1.0)).as("threshold 1 never fixes a layer with a choice").isEmpty();
    }

    @Test
    void statusNamesTheMostProbableOpAndEveryProbability() {
        ArchitectureParameters alpha = ArchitectureParameters.initial(TestSpaces.tiny(), 1);
        alpha.fix(0, 3);
        ArchitectureStatus status = alpha.toStatus(TestSpaces.tiny());
        assertThat(status.getLayers()).hasSize(8);
        assertThat(status.getLayers().get(0).getOp()).isEqualTo("xception");
        assertThat(status.getLayers().get(0).getFixed()).isTrue();
        assertThat(status.getLayers().get(1).getProbabilities()).containsOnlyKeys("shuffle3x3", "shuffle5x5", "shuffle7x7", "xception");
    }

    @Test
    void learningRateWarmsUpLinearlyThenFollowsCosineToZero() {
        WeightLearningRate lr = new WeightLearningRate(0.4, 4, 104, LearningRateSchedule.COSINE);
        assertThat(lr.at(0)).isCloseTo(0.1, within(1e-12));
        assertThat(lr.at(1)).isCloseTo(0.2, within(1e-12));
        assertThat(lr.at(3)).isCloseTo(0.4, within(1e-12));
        assertThat(lr.at(4)).isCloseTo(0.4, within(1e-12));
        assertThat(lr.at(54)).isCloseTo(0.2, within(1e-12));
        assertThat(lr.at(103)).isCloseTo(0.4 * 0.5 * (1 + Math.cos(Math.PI * 99 / 100)), within(1e-12)).isPositive();
        assertThat(lr.at(104)).isCloseTo(0.0, within(1e-12));
        assertThat(lr.at(500)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void constantScheduleHoldsThePeakAfterWarmup() {
        WeightLearningRate lr = new WeightLearningRate(0.05, 0, 10, LearningRateSchedule.CONSTANT);
        assertThat(lr.at(0)).isEqualTo(0.05);
        assertThat(lr.at(9)).isEqualTo(0.05);
        assertThat(lr.at(1000)).isEqualTo(0.05);
    }

    @Test
    void settingsComeFromTheDefaultedTrainingSpecInSteps() {
        var search = io.kubenas.api.manifest.NasSearchManifests.parse("""
                apiVersion: kubenas.io/v1alpha1
                kind: NasSearch
                metadata:
                  name: s
                spec:
                  dataset:
                    builtin: fashion-mnist
                  budget:
                    deviceHours: 1
                  training:
                    epochs: 10
                    childEpochs: 5
                    warmupEpochs: 2
                    weightOptimizer:
                      lrWarmupEpochs: 1
                """);
        DsnasSettings s = DsnasSettings.from(search.getSpec().getTraining(), 100);
        assertThat(s.weightLearningRate().totalSteps()).as("one schedule over search and child phase").isEqualTo(1500);
        assertThat(s.weightLearningRate().warmupSteps()).isEqualTo(100);
        assertThat(s.architectureWarmupSteps()).isEqualTo(200);
        assertThat(s.labelSmoothing()).isEqualTo(0.1);
        assertThat(s.beta1()).isEqualTo(0.5);
        assertThat(s.momentum()).isEqualTo(0.9);
        assertThat(s.earlyFixThreshold()).isEqualTo(0.3);
    }
}
