package io.kubenas.trainer.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.TrainerProgress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against fabric8's in-process API server (CRUD mode: objects are stored, merge patches applied). */
class ProgressConfigMapReporterTest {
    private static final String NAMESPACE = "team-a";
    private static final String OWN = PodContract.progressConfigMapName("fashion");
    private static final String OTHER = PodContract.progressConfigMapName("someone-else");

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private KubernetesMockServer server;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    void patchesOnlyItsOwnKeyOfItsOwnConfigMapAndNothingElse() throws Exception {
        KubernetesClient admin = startServer(0);
        createConfigMap(admin, OWN, Map.of("owner-note", "set by the operator"));
        createConfigMap(admin, OTHER, Map.of(PodContract.PROGRESS_KEY, "{}"));
        int setupRequests = server.getRequestCount();
        ProgressConfigMapReporter reporter = reporter(Duration.ofSeconds(5), Duration.ofSeconds(5));

        reporter.finish(SampleProgress.finished(4));
        List<RecordedRequest> reporterRequests = requestsAfter(setupRequests); // before this test reads anything

        ConfigMap own = admin.configMaps().inNamespace(NAMESPACE).withName(OWN).get();
        assertThat(ProgressJson.read(own.getData().get(PodContract.PROGRESS_KEY))).isEqualTo(SampleProgress.finished(4));
        assertThat(own.getData()).containsEntry("owner-note", "set by the operator");
        assertThat(admin.configMaps().inNamespace(NAMESPACE).withName(OTHER).get().getData())
                .containsExactly(Map.entry(PodContract.PROGRESS_KEY, "{}"));
        // The Role allows get/patch on one name: the reporter only ever patched it.
        assertThat(reporterRequests).hasSize(1).allSatisfy(r -> {
            assertThat(r.getMethod()).isEqualTo("PATCH");
            assertThat(r.getPath()).isEqualTo("/api/v1/namespaces/" + NAMESPACE + "/configmaps/" + OWN);
            assertThat(r.getHeader("Content-Type")).startsWith("application/merge-patch+json");
        });
    }

    @Test
    void routineReportsAreThrottledToTheNewestOnePerIntervalAndForcedOnesGoOutAtOnce() throws Exception {
        KubernetesClient admin = startServer(0);
        createConfigMap(admin, OWN, Map.of());
        int setupRequests = server.getRequestCount();
        ProgressConfigMapReporter reporter = reporter(Duration.ofMillis(600), Duration.ofSeconds(5));

        long firstReported = System.nanoTime();
        reporter.report(SampleProgress.searching(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> reportedStep(admin) == 1); // the first goes out at once
        for (long step = 2; step <= 50; step++) {
            reporter.report(SampleProgress.searching(step));
        }
        // The other 49 coalesce into one patch of the newest, an interval after the first.
        await().atMost(Duration.ofSeconds(5)).until(() -> reportedStep(admin) == 50);
        assertThat(Duration.ofNanos(System.nanoTime() - firstReported)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(reporter.patchesSent()).isEqualTo(2);

        long before = System.nanoTime();
        reporter.reportNow(SampleProgress.searching(51));
        await().atMost(Duration.ofSeconds(5)).until(() -> reportedStep(admin) == 51);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(600));

        reporter.finish(SampleProgress.finished(2));
        reporter.report(SampleProgress.searching(99)); // after the final summary: ignored
        Thread.sleep(700);
        assertThat(reporter.patchesSent()).isEqualTo(4);
        assertThat(requestsAfter(setupRequests)).filteredOn(r -> r.getMethod().equals("PATCH")).hasSize(4);
        assertThat(ProgressJson.read(progressValue(admin)).getOutcome()).hasToString("TARGET_REACHED");
    }

    @Test
    void anUnreachableApiServerNeitherFailsNorBlocksTheTrainingLoop() throws Exception {
        int closedPort = freePort();
        ProgressConfigMapReporter reporter = trackedReporter(ProgressConfigMapReporter.newClient("http://127.0.0.1:" + closedPort),
                Duration.ofMillis(100), Duration.ofSeconds(3));

        long started = System.nanoTime();
        for (int step = 0; step < 1_000; step++) {
            reporter.report(SampleProgress.searching(step));
        }
        reporter.reportNow(SampleProgress.searching(1_000));
        Duration reporting = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        reporter.finish(SampleProgress.finished(1));
        Duration finishing = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reporting).isLessThan(Duration.ofMillis(500));
        assertThat(finishing).isLessThan(Duration.ofSeconds(4));
        assertThat(reporter.patchesSent()).isZero();
    }

    @Test
    void deliversTheNewestReportOnceTheApiServerIsBack() throws Exception {
        int port = freePort();
        ProgressConfigMapReporter reporter = trackedReporter(ProgressConfigMapReporter.newClient("http://127.0.0.1:" + port),
                Duration.ofMillis(200), Duration.ofSeconds(5));
        reporter.report(SampleProgress.searching(1));
        Thread.sleep(300); // the first patch fails: nothing listens yet

        KubernetesClient admin = startServer(port);
        createConfigMap(admin, OWN, Map.of());
        reporter.report(SampleProgress.searching(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> reportedStep(admin) == 2);
    }

    private KubernetesClient startServer(int port) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        KubernetesClient admin = server.createClient();
        toClose.add(admin);
        return admin;
    }

    private ProgressConfigMapReporter reporter(Duration interval, Duration finalTimeout) {
        return trackedReporter(ProgressConfigMapReporter.newClient("http://127.0.0.1:" + server.getPort()), interval, finalTimeout);
    }

    private ProgressConfigMapReporter trackedReporter(KubernetesClient client, Duration interval, Duration finalTimeout) {
        ProgressConfigMapReporter reporter = new ProgressConfigMapReporter(client, true, NAMESPACE, OWN, interval, finalTimeout,
                System::nanoTime);
        toClose.add(reporter);
        return reporter;
    }

    private static void createConfigMap(KubernetesClient admin, String name, Map<String, String> data) {
        admin.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .endMetadata().withData(data).build()).create();
    }

    private static String progressValue(KubernetesClient admin) {
        ConfigMap map = admin.configMaps().inNamespace(NAMESPACE).withName(OWN).get();
        return map == null || map.getData() == null ? null : map.getData().get(PodContract.PROGRESS_KEY);
    }

    private static long reportedStep(KubernetesClient admin) {
        String value = progressValue(admin);
        if (value == null) {
            return -1;
        }
        TrainerProgress progress = ProgressJson.read(value);
        return progress.getProgress() == null ? -1 : progress.getProgress().getStep();
    }

    /** The requests the server received after the first {@code skip}. */
    private List<RecordedRequest> requestsAfter(int skip) throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
            all.add(r);
        }
        return all.subList(skip, all.size());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
