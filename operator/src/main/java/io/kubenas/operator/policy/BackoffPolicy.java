package io.kubenas.operator.policy;

import io.kubenas.api.v1alpha1.RestartPolicySpec;
import java.time.Duration;

/**
 * Exponential restart back-off: {@code backoffSeconds x 2^(restart-1)}, capped at {@code maxBackoffSeconds}.
 * Takes a defaulted spec (the schema holds the defaults; the API server applies them on write and on read).
 */
public final class BackoffPolicy {
    private BackoffPolicy() {
    }

    /** Delay before restart number {@code restart} (1 for the first restart). */
    public static Duration delay(RestartPolicySpec policy, int restart) {
        long base = policy.getBackoffSeconds();
        long max = Math.max(base, policy.getMaxBackoffSeconds());
        int doublings = Math.max(0, Math.min(restart - 1, 40));
        double seconds = base * Math.pow(2, doublings);
        return Duration.ofSeconds((long) Math.min(seconds, max));
    }
}
