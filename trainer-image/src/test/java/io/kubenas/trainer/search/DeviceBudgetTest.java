package io.kubenas.trainer.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.budget.ComputeBudget;
import io.kubenas.api.budget.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeviceBudgetTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void countsDevicesTimesSecondsOnTopOfEarlierAttempts() {
        ManualClock clock = new ManualClock();
        DeviceBudget budget = new DeviceBudget(clock, new ComputeBudget(3600, Double.POSITIVE_INFINITY, 4), new Usage(1000, 250));
        clock.advance(Duration.ofSeconds(100));
        assertThat(budget.used().deviceSeconds()).isEqualTo(1400.0);
        assertThat(budget.remaining()).isEqualTo(2200.0);
        assertThat(budget.remainingWallSeconds()).isEqualTo(550.0);
        assertThat(budget.usedPercent()).isEqualTo("39%");
        assertThat(budget.exhausted()).isFalse();
    }

    @Test
    void isExhaustedOnceTheLimitIsReachedAndNeverGoesNegative() {
        ManualClock clock = new ManualClock();
        DeviceBudget budget = new DeviceBudget(clock, new ComputeBudget(60, Double.POSITIVE_INFINITY, 1), new Usage(50, 50));
        clock.advance(Duration.ofSeconds(15));
        assertThat(budget.exhausted()).isTrue();
        assertThat(budget.remaining()).isZero();
        assertThat(budget.usedPercent()).isEqualTo("100%");
    }

    @Test
    void maxDurationCountsTheWallTimeOfEarlierAttempts() {
        ManualClock clock = new ManualClock();
        // 2 GPUs, plenty of device-seconds, but 100 of the 120 wall seconds allowed went to earlier attempts.
        DeviceBudget budget = new DeviceBudget(clock, new ComputeBudget(36_000, 120, 2), new Usage(200, 100));
        clock.advance(Duration.ofSeconds(15));
        assertThat(budget.remainingWallSeconds()).isEqualTo(5.0);
        assertThat(budget.exhausted()).isFalse();
        clock.advance(Duration.ofSeconds(5));
        assertThat(budget.exhausted()).isTrue();
    }
}
