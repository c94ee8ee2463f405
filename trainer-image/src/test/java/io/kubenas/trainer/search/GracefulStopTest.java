package io.kubenas.trainer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubenas.api.progress.TrainerExitCode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

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

    @Test
    void restoringGivesSigtermBackToItsFormerHandler() {
        Signal term = new Signal("TERM");
        SignalHandler former = s -> { };
        SignalHandler original = Signal.handle(term, former);
        try {
            GracefulStop stop = GracefulStop.onSignals(Duration.ofMinutes(5));
            SignalHandler search = Signal.handle(term, former);
            Signal.handle(term, search);
            assertThat(search).as("the search's handler").isNotSameAs(former);

            stop.restoreSignalHandlers();

            assertThat(Signal.handle(term, former)).isSameAs(former);
        } finally {
            Signal.handle(term, original);
        }
    }
}
