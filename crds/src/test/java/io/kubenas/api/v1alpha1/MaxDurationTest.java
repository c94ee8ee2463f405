package io.kubenas.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MaxDurationTest {

    @Test
    void readsHoursMinutesSecondsAndFractions() {
        assertThat(MaxDuration.seconds("2h30m")).isEqualTo(9000.0);
        assertThat(MaxDuration.seconds("90m")).isEqualTo(5400.0);
        assertThat(MaxDuration.seconds("1.5h")).isCloseTo(5400.0, within(1e-9));
        assertThat(MaxDuration.seconds("45s")).isEqualTo(45.0);
    }

    @Test
    void rejectsTextOutsideThePattern() {
        assertThatThrownBy(() -> MaxDuration.seconds("2 hours")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaxDuration.seconds("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaxDuration.seconds("1h x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaxDuration.seconds("x1h")).isInstanceOf(IllegalArgumentException.class);
    }
}
