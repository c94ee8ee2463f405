package io.kubenas.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.RestartPolicySpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {
    private static RestartPolicySpec policy(int base, int max) {
        RestartPolicySpec policy = new RestartPolicySpec();
        policy.setMaxRestarts(3);
        policy.setBackoffSeconds(base);
        policy.setMaxBackoffSeconds(max);
        return policy;
    }

    @Test
    void delayDoublesWithEachRestart() {
        RestartPolicySpec p = policy(10, 600);
        assertThat(BackoffPolicy.delay(p, 1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(BackoffPolicy.delay(p, 2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(BackoffPolicy.delay(p, 4)).isEqualTo(Duration.ofSeconds(80));
    }

    @Test
    void delayIsCappedAtTheMaximum() {
        assertThat(BackoffPolicy.delay(policy(10, 600), 7)).isEqualTo(Duration.ofSeconds(600));
        assertThat(BackoffPolicy.delay(policy(10, 600), 100)).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void maximumBelowTheBaseNeverShortensTheFirstDelay() {
        assertThat(BackoffPolicy.delay(policy(30, 5), 1)).isEqualTo(Duration.ofSeconds(30));
    }
}
