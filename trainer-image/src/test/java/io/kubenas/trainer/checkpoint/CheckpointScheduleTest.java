package io.kubenas.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.CheckpointSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointScheduleTest {
    private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void isDueEveryIntervalEpochsAtEpochEnd() {
        CheckpointSchedule schedule = CheckpointSchedule.from(CheckpointSpec.builder().intervalEpochs(2).intervalMinutes(60).build(), START);

        assertThat(schedule.dueAtEpochEnd(1, START.plusSeconds(60))).isFalse();
        assertThat(schedule.dueAtEpochEnd(2, START.plusSeconds(120))).isTrue();
    }

    @Test
    void isDueMidEpochWhenTheTimeIntervalHasPassedSinceTheLastCheckpoint() {
        CheckpointSchedule schedule = new CheckpointSchedule(5, Duration.ofMinutes(10), START);

        assertThat(schedule.dueByTime(START.plus(Duration.ofMinutes(9)))).isFalse();
        assertThat(schedule.dueByTime(START.plus(Duration.ofMinutes(10)))).isTrue();
        schedule.written(START.plus(Duration.ofMinutes(10)));
        assertThat(schedule.dueByTime(START.plus(Duration.ofMinutes(15)))).isFalse();
        assertThat(schedule.dueAtEpochEnd(3, START.plus(Duration.ofMinutes(21)))).isTrue();
    }
}
