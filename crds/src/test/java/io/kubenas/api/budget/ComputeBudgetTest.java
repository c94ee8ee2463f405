package io.kubenas.api.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubenas.api.v1alpha1.BudgetSpec;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.v1alpha1.ResourcesSpec;
import org.junit.jupiter.api.Test;

class ComputeBudgetTest {

    private static NasSearchSpec spec(double deviceHours, String maxDuration, Integer gpus) {
        NasSearchSpec spec = new NasSearchSpec();
        BudgetSpec budget = new BudgetSpec();
        budget.setDeviceHours(deviceHours);
        budget.setMaxDuration(maxDuration);
        spec.setBudget(budget);
        ResourcesSpec resources = new ResourcesSpec();
        resources.setGpus(gpus);
        spec.setResources(resources);
        return spec;
    }

    @Test
    void cpuTrainerCountsAsOneDeviceAndGpusCountEach() {
        assertThat(ComputeBudget.of(spec(1, null, null)).devices()).isEqualTo(1);
        assertThat(ComputeBudget.of(spec(1, null, 0)).devices()).isEqualTo(1);
        assertThat(ComputeBudget.of(spec(1, null, 8)).devices()).isEqualTo(8);
    }

    @Test
    void deviceHoursAreDeviceSeconds() {
        assertThat(ComputeBudget.of(spec(0.5, null, null)).limitDeviceSeconds()).isEqualTo(1800.0);
    }

    @Test
    void allowanceIsTheRemainingDeviceSecondsSharedByTheDevices() {
        assertThat(ComputeBudget.of(spec(2, null, 2)).allowanceSeconds(new Usage(1200, 600))).isEqualTo(3000.0);
    }

    @Test
    void maxDurationCapsTheAllowanceByWallTimeAlreadySpent() {
        assertThat(ComputeBudget.of(spec(100, "1h30m", null)).allowanceSeconds(new Usage(0, 3600))).isEqualTo(1800.0);
    }

    @Test
    void withoutMaxDurationOnlyDeviceSecondsLimitTheAllowance() {
        assertThat(ComputeBudget.of(spec(1, null, null)).maxWallSeconds()).isInfinite();
        assertThat(ComputeBudget.of(spec(1, null, null)).allowanceSeconds(new Usage(600, 1_000_000))).isEqualTo(3000.0);
    }

    @Test
    void allowanceIsNeverNegative() {
        assertThat(ComputeBudget.of(spec(1, null, null)).allowanceSeconds(new Usage(9000, 9000))).isZero();
    }

    @Test
    void usedShareIsAPercentageCappedAtAHundred() {
        ComputeBudget hour = ComputeBudget.of(spec(1, null, null));
        assertThat(hour.usedPercent(900)).isEqualTo("25%");
        assertThat(hour.usedPercent(5000)).isEqualTo("100%");
    }

    @Test
    void aZeroLimitIsAllUsed() {
        assertThat(new ComputeBudget(0, Double.POSITIVE_INFINITY, 1).usedPercent(0)).isEqualTo("100%");
    }

    @Test
    void fewerThanOneDeviceIsRejected() {
        assertThatThrownBy(() -> new ComputeBudget(3600, Double.POSITIVE_INFINITY, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usageAfterAnAttemptAddsItsTimeTimesDevices() {
        Usage after = new Usage(100, 50).after(30, 4);
        assertThat(after.deviceSeconds()).isEqualTo(220.0);
        assertThat(after.wallSeconds()).isEqualTo(80.0);
        assertThat(Usage.NONE.after(-5, 1)).isEqualTo(Usage.NONE);
    }

    @Test
    void accountingNeverGoesBackwards() {
        assertThat(new Usage(10, 5).atLeast(new Usage(8, 9))).isEqualTo(new Usage(10, 9));
    }
}
