package io.kubenas.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.budget.Usage;
import io.kubenas.operator.support.Searches;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetPolicyTest {
    private static NasSearchSpec spec(String extra) {
        return Searches.fashionMnist("b", "ns", extra).getSpec();
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
}
