package io.kubenas.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubenas.api.progress.TrainerExitCode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GracefulStopTest {

    @Test
    void aStopRequestIsVisibleToTheLoopAndKeepsItsReason() {
        GracefulStop stop = new GracefulStop(Duration.ofMinutes(5), code -> { });
        assertThat(stop.isRequested()).isFalse();
        stop.request("SIGTERM");
        stop.request("SIGINT");
        assertThat(stop.isRequested()).isTrue();
        assertThat(stop.reason()).isEqualTo("SIGTERM");
    }

    @Test
    void haltsWithTheResumableCodeWhenTheGracePeriodRunsOut() {
        AtomicInteger halted = new AtomicInteger(-1);
        GracefulStop stop = new GracefulStop(Duration.ofMillis(100), halted::set);
        stop.request("SIGTERM");
        await().atMost(Duration.ofSeconds(5)).until(() -> halted.get() == TrainerExitCode.STOPPED_RESUMABLE.code());
    }
}
