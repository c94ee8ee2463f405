package io.kubenas.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The real trainer and the real server, driven by the real operator through the {@link NodeAgent}: a tiny DSNAS
 * search on Fashion-MNIST (two steps per epoch), promotion, and an inference request to the serving process.
 * Runs whenever the trainer is packaged (trainer-image/target/quarkus-app: the reactor's {@code mvn verify} packages
 * it before this module) and Fashion-MNIST is installed; {@code -Dkubenas.e2e=false} skips it (≈ 90 s).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@EnabledIf("ready")
class RealTrainerEndToEndTest {
    private static final Path TRAINER = Path.of("..", "trainer-image", "target", "quarkus-app", "quarkus-run.jar");
    private static final Duration WAIT = Duration.ofMinutes(8);

    @Inject
    KubernetesClient client;

    private NodeAgent agent;
    private Path root;

    static boolean ready() {
        return !"false".equals(System.getProperty("kubenas.e2e")) && Files.isRegularFile(TRAINER)
                && Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist"));
    }

    @BeforeEach
    void startNode() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        root = Files.createTempDirectory("kubenas-node");
        // One DJL cache for every process: each pod's /tmp would extract the PyTorch natives again.
        Map<String, String> env = Map.of("DJL_CACHE_DIR", root.resolve("djl-cache").toString(), "OMP_WAIT_POLICY", "PASSIVE");
        agent = new NodeAgent(client, root, image -> List.of(java, "-Dai.djl.offline=true", "-jar", TRAINER.toAbsolutePath().toString()), env)
                .start();
    }

    @AfterEach
    void stopNode() throws IOException {
        agent.close();
        NodeAgentEndToEndTest.deleteRecursively(root);
    }

    @Test
    void realTrainerSearchesIsPromotedAndTheRealServerClassifiesAnImage() throws Exception {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("real", "e2e", """
                  training:
                    epochs: 1
                    maxStepsPerEpoch: 2
                    batchSize: 16
                  serving:
                    modelName: fashion
                """));
        NasSearch serving = cluster.awaitStatus("e2e", "real", WAIT,
                s -> s.getStatus().getPhase() == Phase.SERVING || s.getStatus().getPhase() == Phase.FAILED);
        assertThat(serving.getStatus().getPhase()).as(String.valueOf(serving.getStatus().getConditions())).isEqualTo(Phase.SERVING);
        assertThat(serving.getStatus().getChild()).isNotNull();

        String pixels = String.join(",", Collections.nCopies(28 * 28, "0.5"));
        HttpResponse<String> response = agent.postJson("e2e", "real-serving", 8080, "/v2/models/fashion/infer",
                "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,28,28],\"datatype\":\"FP32\",\"data\":[" + pixels + "]}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("outputs");
    }

    @Test
    void realTrainerKilledMidSearchResumesFromItsCheckpointInTheNextAttempt() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("killed", "e2e", """
                  training:
                    epochs: 8
                    maxStepsPerEpoch: 2
                    batchSize: 16
                  restartPolicy:
                    backoffSeconds: 1
                  serving:
                    enabled: false
                """));
        cluster.awaitStatus("e2e", "killed", WAIT,
                s -> s.getStatus().getCheckpoints() != null && s.getStatus().getCheckpoints().getLatest() != null);
        agent.kill("e2e", "killed-trainer-1-");

        NasSearch done = cluster.awaitStatus("e2e", "killed", WAIT,
                s -> s.getStatus().getPhase() == Phase.SUCCEEDED || s.getStatus().getPhase() == Phase.FAILED);
        assertThat(done.getStatus().getPhase()).as(String.valueOf(done.getStatus().getConditions())).isEqualTo(Phase.SUCCEEDED);
        assertThat(done.getStatus().getAttempts().getCount()).isEqualTo(2);
        assertThat(done.getStatus().getAttempts().getRestarts()).isEqualTo(1);
        assertThat(agent.log("e2e", "killed-trainer-2-")).contains("resumed from checkpoint");
    }
}
