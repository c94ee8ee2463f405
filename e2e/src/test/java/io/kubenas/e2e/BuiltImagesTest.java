package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubenas.e2e.cluster.BuiltImages;
import io.kubenas.e2e.cluster.KubenasRelease;
import io.kubenas.e2e.cluster.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The images themselves, not the jars they hold: the chart's release is upgraded to the references the image build
 * gave the operator and trainer images (ghcr.io/kubenas/operator:TAG, ghcr.io/kubenas/trainer:TAG), which the process
 * kubelet maps to the built tarballs: it unpacks their layers and runs their entrypoints chrooted into them, as the
 * images' user. The operator then runs a real search whose trainer and serving pods run the built trainer image.
 * Only with -Pimages (e2e/pom.xml), which builds the tarballs first; the release goes back to its default images
 * afterwards, for the test classes that follow.
 */
class BuiltImagesTest extends ClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(10);

    BuiltImagesTest() {
        super("e2e-built-images");
    }

    @BeforeAll
    void runTheReleaseOnTheBuiltImages() {
        BuiltImages.requireBuilt();
        KubenasRelease.installOnce(cluster);
        cluster.helm("upgrade", KubenasRelease.NAME, Repo.path("helm/kubenas").toString(), "--namespace", KubenasRelease.NAMESPACE,
                "--reuse-values", "--wait", "--timeout", "5m",
                "--set", "operator.image.tag=" + BuiltImages.tag(), "--set", "trainer.image.tag=" + BuiltImages.tag());
    }

    @AfterAll
    void backToTheDefaultImages() {
        cluster.helm("upgrade", KubenasRelease.NAME, Repo.path("helm/kubenas").toString(), "--namespace", KubenasRelease.NAMESPACE,
                "--reuse-values", "--wait", "--timeout", "5m", "--set", "operator.image.tag=", "--set", "trainer.image.tag=");
    }

    @Test
    void operatorInstalledByTheChartRunsFromItsBuiltImageAsItsUser() throws IOException {
        String built = BuiltImages.OPERATOR_REPOSITORY + ":" + BuiltImages.tag();
        // The rollout's old pod may still be terminating (phase Running) for its grace period.
        Pod operator = Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> KubenasRelease.operatorPod(cluster),
                p -> built.equals(p.getSpec().getContainers().get(0).getImage()) && p.getMetadata().getDeletionTimestamp() == null);
        assertRanFromItsImage(operator, "operator", "-XX:MaxRAMPercentage=75");
        // It works from there: it serves its health endpoint and reconciles (the search below).
        assertThat(KubenasRelease.operatorGet(cluster, "/q/health/ready")).contains("UP");
    }

    @Test
    void searchRunsItsTrainerAndServingPodsFromTheBuiltTrainerImage() throws IOException {
        searches.runTinyRealSearchUntilServing("built", WAIT);

        Pod trainer = searches.pods("built-trainer-1-").get(0);
        assertThat(trainer.getSpec().getContainers().get(0).getImage())
                .isEqualTo(BuiltImages.TRAINER_REPOSITORY + ":" + BuiltImages.tag());
        assertRanFromItsImage(trainer, trainer.getSpec().getContainers().get(0).getName(), "-Dai.djl.offline=true");
        Pod server = searches.pods("built-serving-").get(0);
        assertRanFromItsImage(server, server.getSpec().getContainers().get(0).getName(), "-Dai.djl.offline=true");
    }

    /**
     * The process kubelet's launch record of the pod's container (its spec file): chrooted into an unpacked image root,
     * the image's own entrypoint (java from the image's PATH, not the machine's java), as a non-root user.
     */
    private void assertRanFromItsImage(Pod pod, String container, String jvmFlag) throws IOException {
        Path dir = cluster.kubeconfig().getParent().resolve("kubelet/pods").resolve(pod.getMetadata().getNamespace() + "_"
                + pod.getMetadata().getName() + "_" + pod.getMetadata().getUid()).resolve(container);
        Path spec;
        try (Stream<Path> files = Files.list(dir)) {
            spec = files.filter(f -> f.getFileName().toString().matches("\\d+\\.spec\\.json")).sorted().findFirst()
                    .orElseThrow(() -> new AssertionError("no launch record in " + dir));
        }
        JsonNode launched = JSON.readTree(spec.toFile());
        assertThat(launched.path("rootFS").asText()).as("%s ran chrooted into an unpacked image", pod.getMetadata().getName())
                .contains("/kubelet/images/sha256-");
        assertThat(launched.path("argv").get(0).asText()).as("the image's entrypoint").isEqualTo("java");
        assertThat(launched.path("argv").toString()).contains(jvmFlag, "/opt/kubenas/quarkus-run.jar");
        assertThat(launched.path("uid").asLong()).as("the chart's (and the image's) user").isEqualTo(10001);
        assertThat(launched.path("readOnlyRoot").asBoolean()).as("readOnlyRootFilesystem of the pod templates").isTrue();
    }
}
