package io.kubenas.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.support.CrdSetup;
import io.kubenas.operator.support.FakeCluster;
import io.kubenas.operator.support.Searches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tier 3 of design.md section 8 with a stand-in trainer: the real operator, the test API server, and a
 * {@link NodeAgent} that runs each pod's container as a local process. The stand-in ({@code FakeTrainer.java})
 * keeps the trainer's contract without learning anything; pointing the agent at the trainer image's
 * quarkus-run.jar turns this into the end-to-end test of the real trainer and server.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
class NodeAgentEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    KubernetesClient client;

    private NodeAgent agent;
    private Path root;

    private static Path fakeClasses;

    /** Compiles the stand-in once: starting it from source would compile it in every pod. */
    @BeforeAll
    static void compileStandIn() throws Exception {
        Path source = Path.of(NodeAgentEndToEndTest.class.getClassLoader().getResource("node-agent/FakeTrainer.java").toURI());
        fakeClasses = Files.createTempDirectory("kubenas-fake-trainer");
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", fakeClasses.toString(), source.toString());
        assertThat(status).as("FakeTrainer.java compiles").isZero();
    }

    @AfterAll
    static void removeStandIn() throws IOException {
        deleteRecursively(fakeClasses);
    }

    @BeforeEach
    void startNode() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        root = Files.createTempDirectory("kubenas-node");
        agent = new NodeAgent(client, root,
                image -> List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", fakeClasses.toString(), "FakeTrainer")).start();
    }

    @AfterEach
    void stopNode() throws IOException {
        agent.close();
        deleteRecursively(root);
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private NasSearch awaitPhase(FakeCluster cluster, String ns, String name, Phase phase) {
        return cluster.awaitStatus(ns, name, WAIT, s -> s.getStatus().getPhase() == phase);
    }

    @Test
    void searchRunsAsAProcessIsPromotedAndItsServerAnswersInference() throws Exception {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("local", "node", "  serving:\n    modelName: fashion"));

        NasSearch serving = awaitPhase(cluster, "node", "local", Phase.SERVING);
        assertThat(serving.getStatus().getChild().getValidationAccuracy()).isEqualTo(0.93);
        assertThat(serving.getStatus().getCheckpoints().getLatest().getName()).isEqualTo("epoch-1");
        assertThat(serving.getStatus().getBudget().getDeviceSecondsUsed()).isGreaterThanOrEqualTo(0.0);

        HttpResponse<String> response = agent.postJson("node", "local-serving", 8080, "/v2/models/fashion/infer",
                "{\"inputs\":[{\"name\":\"image\",\"shape\":[1,1,28,28],\"datatype\":\"FP32\",\"data\":[0]}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"outputs\"");
    }

    @Test
    void killedTrainerResumesFromItsCheckpointInANewAttempt() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("crash-resume", "node", """
                  restartPolicy:
                    backoffSeconds: 1
                  serving:
                    enabled: false
                """));
        cluster.awaitStatus("node", "crash-resume", WAIT, s -> s.getStatus().getCheckpoints() != null && s.getStatus().getPhase() == Phase.SEARCHING);

        agent.kill("node", "crash-resume-trainer-1-");
        NasSearch done = awaitPhase(cluster, "node", "crash-resume", Phase.SUCCEEDED);
        assertThat(done.getStatus().getAttempts().getCount()).isEqualTo(2);
        assertThat(done.getStatus().getAttempts().getRestarts()).isEqualTo(1);
        assertThat(done.getStatus().getAttempts().getLastFailure().getExitCode()).isEqualTo(137);
        Pod second = client.pods().inNamespace("node").list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith("crash-resume-trainer-2-")).findFirst().orElseThrow();
        assertThat(second.getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage())
                .contains("resumed from checkpoints/epoch-1");
    }
}
