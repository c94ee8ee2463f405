package io.kubenas.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.operator.policy.BudgetPolicy.Usage;
import io.kubenas.operator.support.Searches;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetPolicyTest {
    private static NasSearchSpec spec(String extra) {
        return Searches.fashionMnist("b", "ns", extra).getSpec();
    }

    @Test
    void cpuTrainerCountsAsOneDeviceAndGpusCountEach() {
        assertThat(BudgetPolicy.devices(spec(null))).isEqualTo(1);
        assertThat(BudgetPolicy.devices(spec("  resources:\n    gpus: 8"))).isEqualTo(8);
    }

    @Test
    void deviceHoursAreDeviceSeconds() {
        assertThat(BudgetPolicy.limitDeviceSeconds(spec("  budget:\n    deviceHours: 0.5"))).isEqualTo(1800.0);
    }

    @Test
    void allowanceIsTheRemainingDeviceSecondsSharedByTheDevices() {
        NasSearchSpec s = spec("  budget:\n    deviceHours: 2");
        assertThat(BudgetPolicy.allowanceSeconds(s, new Usage(1200, 600), 2)).isEqualTo(3000.0);
    }

    @Test
    void maxDurationCapsTheAllowanceByWallTimeAlreadySpent() {
        NasSearchSpec s = spec("  budget:\n    deviceHours: 100\n    maxDuration: 1h30m");
        assertThat(BudgetPolicy.allowanceSeconds(s, new Usage(0, 3600), 1)).isEqualTo(1800.0);
    }

    @Test
    void allowanceIsNeverNegative() {
        assertThat(BudgetPolicy.allowanceSeconds(spec(null), new Usage(9000, 9000), 1)).isZero();
    }

    @Test
    void exhaustedWhenLessThanTheShortestUsefulAttemptIsLeft() {
        NasSearchSpec s = spec(null);
        assertThat(BudgetPolicy.exhausted(s, new Usage(3541, 0), Duration.ofSeconds(60))).isTrue();
        assertThat(BudgetPolicy.exhausted(s, new Usage(3540, 0), Duration.ofSeconds(60))).isFalse();
    }

    @Test
    void deadlineRoundsUpAndIsAtLeastOneSecond() {
        NasSearchSpec s = spec(null);
        assertThat(BudgetPolicy.deadlineSeconds(s, new Usage(0.4, 0), 1)).isEqualTo(3600L);
        assertThat(BudgetPolicy.deadlineSeconds(s, new Usage(5000, 0), 1)).isEqualTo(1L);
    }

    @Test
    void usageAfterAnAttemptAddsItsTimeTimesDevices() {
        Usage after = BudgetPolicy.after(new Usage(100, 50), 30, 4);
        assertThat(after.deviceSeconds()).isEqualTo(220.0);
        assertThat(after.wallSeconds()).isEqualTo(80.0);
        assertThat(BudgetPolicy.after(Usage.NONE, -5, 1)).isEqualTo(Usage.NONE);
    }

    @Test
    void accountingNeverGoesBackwards() {
        assertThat(new Usage(10, 5).atLeast(new Usage(8, 9))).isEqualTo(new Usage(10, 9));
    }

    @Test
    void usedShareIsAPercentageCappedAtAHundred() {
        assertThat(BudgetPolicy.usedPercent(900, 3600)).isEqualTo("25%");
        assertThat(BudgetPolicy.usedPercent(5000, 3600)).isEqualTo("100%");
    }
}
