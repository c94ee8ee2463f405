package io.kubenas.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.PodContract;
import io.kubenas.images.FileTree.Node;
import io.kubenas.images.FileTree.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU trainer image, which trainer Jobs run with `search` and serving Deployments with `serve`. */
class TrainerImageTest {

    /** Where FashionMnistReader reads the builtin dataset (the Debian package dataset-fashion-mnist's files). */
    private static final String DATASET = "/usr/share/datasets/fashion-mnist";

    private final ImageTarball image = BuiltImages.trainer();

    @Test
    void runsAsTheChartsNonRootUser() {
        ImageChecks.runsAsTheChartsNonRootUser(image);
    }

    @Test
    void startsJavaOfflineForDjlWithoutAShellAndPrintsUsageWithoutACommand() {
        ImageChecks.startsJavaWithoutAShell(image, "-Dai.djl.offline=true");
        assertThat(image.cmd()).containsExactly("--help");
    }

    @Test
    void extractsNativesIntoTmpAndKeepsOpenMpThreadsPassive() {
        assertThat(image.env()).containsEntry("DJL_CACHE_DIR", "/tmp/djl-cache").containsEntry("HOME", "/tmp")
                .containsEntry("OMP_WAIT_POLICY", "PASSIVE");
    }

    @Test
    void worksInTheCheckpointVolumesMountPath() {
        assertThat(image.containerConfig().path("WorkingDir").asText()).isEqualTo(PodContract.WORK_DIR);
    }

    @Test
    void exposesTheServingPort() {
        ImageChecks.exposesPort8080(image);
    }

    @Test
    void carriesTheOciLabelsOfThisBuild() {
        ImageChecks.carriesTheOciLabelsOfThisBuild(image);
    }

    @Test
    void holdsTheTrainersFastJarWithThePytorchCpuNativesUnderOptKubenasReadOnly() {
        ImageChecks.holdsTheFastJarReadOnly(image, "trainer-image");
        // Nothing is downloaded at run time: DJL loads libtorch from this jar (and -Dai.djl.offline=true forbids the rest).
        assertThat(image.files().list(ImageChecks.APP_DIR + "/lib/main")).extracting(Node::path)
                .anyMatch(p -> p.matches(".*/ai\\.djl\\.pytorch\\.pytorch-native-cpu-.*linux-x86_64\\.jar"));
    }

    @Test
    void holdsFashionMnistWhereTheTrainerReadsItReadableByAnyone() {
        for (String file : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz")) {
            Node node = image.files().resolve(DATASET + "/" + file).orElseThrow(
                    () -> new AssertionError(DATASET + "/" + file + " is not in the trainer image"));
            assertThat(node.type()).as(node.path()).isEqualTo(Type.FILE);
            assertThat(node.size()).as(node.path()).isPositive();
            assertThat(node.mode() & 0444).as("%s readable by the user 10001", node.path()).isEqualTo(0444);
        }
    }
}
