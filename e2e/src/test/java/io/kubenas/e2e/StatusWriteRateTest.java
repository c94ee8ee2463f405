package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.AuditLog;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;

/**
 * How often the operator writes a running search's status, counted in the real API server's audit log: a trainer
 * that reports every second (the real one at most every 5 s) through four epochs costs a write per epoch (and per
 * phase change), not one per report, while a watch of the search (what {@code kubectl get nas -w} shows) still sees
 * every epoch.
 */
class StatusWriteRateTest extends ClusterTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final int EPOCHS = 4;
    private static final int REPORTS_PER_EPOCH = 10;

    StatusWriteRateTest() {
        super("e2e-status-writes");
    }

    @Test
    void routineProgressReportsCostAWritePerEpochNotOnePerReport() {
        searches.applyScripted("chatty", "  serving:\n    enabled: false\n");
        searches.await("chatty", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        Set<Integer> epochsWatched = new ConcurrentSkipListSet<>();
        try (Watch watch = cluster.client().resources(NasSearch.class).inNamespace(namespace).withName("chatty").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, NasSearch search) {
                if (search.getStatus() != null && search.getStatus().getProgress() != null && search.getStatus().getProgress().getEpoch() != null) {
                    epochsWatched.add(search.getStatus().getProgress().getEpoch());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            List<String> script = new ArrayList<>();
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                for (int report = 1; report <= REPORTS_PER_EPOCH; report++) {
                    script.add("progress " + TrainerReports.during(1, epoch, 1000L * epoch + 37L * report, 0.5 + epoch / 100.0));
                    script.add("sleep 1");
                }
            }
            int before = AuditLog.statusWrites(cluster, namespace, "chatty").size();
            Instant start = Instant.now();
            ScriptedTrainer.tell(namespace, "chatty", 1, script.toArray(String[]::new));
            searches.await("chatty", WAIT, s -> s.getStatus().getProgress() != null && s.getStatus().getProgress().getEpoch() == EPOCHS);
            // the last epoch's routine reports, then a few seconds for the operator to act on them
            pause(Duration.ofSeconds(REPORTS_PER_EPOCH + 5));
            Duration window = Duration.between(start, Instant.now());
            List<Instant> writes = AuditLog.statusWrites(cluster, namespace, "chatty");
            int during = writes.size() - before;
            double perMinute = during * 60.0 / window.toSeconds();
            System.out.printf("StatusWriteRateTest: %d progress reports over %d epochs in %d s: %d status writes (%.1f per minute)%n",
                    EPOCHS * REPORTS_PER_EPOCH, EPOCHS, window.toSeconds(), during, perMinute);

            assertThat(epochsWatched).as("a watch sees every epoch").containsAll(List.of(1, 2, 3, 4));
            // one per epoch, plus at most one for live figures per status refresh (60 s) and a margin of two
            assertThat(during).as("status writes for %d reports", EPOCHS * REPORTS_PER_EPOCH)
                    .isLessThanOrEqualTo(EPOCHS + (int) (window.toSeconds() / 60) + 1 + 2);
        }
        ScriptedTrainer.tell(namespace, "chatty", 1, "exit 75");
    }

}
