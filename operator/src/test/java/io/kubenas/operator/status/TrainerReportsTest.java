package io.kubenas.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import org.junit.jupiter.api.Test;

class TrainerReportsTest {
    @Test
    void readsTheTrainersJson() {
        TrainerProgress report = TrainerReports.parse("{\"stage\":\"SEARCHING\",\"outcome\":\"RUNNING\",\"attempt\":2,\"progress\":{\"epoch\":4}}");
        assertThat(report.getStage()).isEqualTo(TrainerStage.SEARCHING);
        assertThat(report.getAttempt()).isEqualTo(2);
        assertThat(report.getProgress().getEpoch()).isEqualTo(4);
    }

    @Test
    void emptyOrUnreadableReportsAreIgnored() {
        assertThat(TrainerReports.parse(null)).isNull();
        assertThat(TrainerReports.parse(" ")).isNull();
        assertThat(TrainerReports.parse("Killed")).isNull();
        assertThat(TrainerReports.parse("{}")).isNotNull();
    }

    @Test
    void laterReportWinsFieldByField() {
        TrainerProgress pushed = TrainerReports.parse("{\"stage\":\"SEARCHING\",\"outcome\":\"RUNNING\",\"progress\":{\"epoch\":4}}");
        TrainerProgress last = TrainerReports.parse("{\"outcome\":\"TARGET_REACHED\",\"child\":{\"path\":\"child\"}}");
        TrainerProgress merged = TrainerReports.merge(pushed, last);
        assertThat(merged.getOutcome()).isEqualTo(TrainerOutcome.TARGET_REACHED);
        assertThat(merged.getStage()).isEqualTo(TrainerStage.SEARCHING);
        assertThat(merged.getProgress().getEpoch()).isEqualTo(4);
        assertThat(merged.getChild().getPath()).isEqualTo("child");
        assertThat(TrainerReports.merge(null, last)).isSameAs(last);
        assertThat(TrainerReports.merge(pushed, null)).isSameAs(pushed);
    }
}
