package io.kubenas.trainer.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.trainer.data.ImageSet;
import io.kubenas.trainer.search.SearchOutcome;
import io.kubenas.trainer.serve.model.ChildDirectoryLoader;
import io.kubenas.trainer.serve.model.ChildNetworkBlocks;
import io.kubenas.trainer.serve.model.LoadedChild;
import io.kubenas.trainer.serve.model.ServedModel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end check of serving: a child freshly trained on Fashion-MNIST by the real pipeline, loaded by the
 * real loader and served over HTTP, classifies the whole test split exactly as the trainer's own evaluation did.
 * Any difference in preprocessing (scaling, normalisation constants, channel order), in the rebuilt network or
 * in the weights would show up here as a different accuracy.
 */
@QuarkusTest
@Tag("slow") // whole searches or a child process: left out of the fast loop (-Pfast)
class ServedChildMatchesTrainerAccuracyTest {
    private static final Logger LOG = Logger.getLogger(ServedChildMatchesTrainerAccuracyTest.class);
    private static final String MODEL = "fashion-e2e";
    /** Images per request: 100 keep the JSON body (about 0.6 MB) under the tests' 1 MB body limit. */
    private static final int BATCH = 100;

    @Inject
    ModelRegistry registry;

    @Inject
    ChildNetworkBlocks networks;

    @TestHTTPResource("/")
    URI base;

    @Test
    void wholeTestSetThroughInferGetsTheTestAccuracyTheTrainerRecorded() throws Exception {
        FashionMnistChildren.requireInstalled();
        Path work = Files.createTempDirectory("kubenas-e2e");
        ServedModel previous = registry.detach();
        ServedModel model = null;
        try {
            long started = System.nanoTime();
            // 60 search steps, then 60 of the derived child alone: enough for a child well above chance (35% test accuracy with seed 7).
            SearchOutcome outcome = FashionMnistChildren.train(work, MODEL, 60, 1);
            assertThat(outcome.outcome()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);
            long trained = System.nanoTime();

            LoadedChild child = new ChildDirectoryLoader(networks).load(outcome.childDir());
            model = ServedModel.start(child.metadata(MODEL), child, 2, Duration.ofSeconds(60));
            registry.serve(model, new ServeLimits(BATCH, Duration.ofSeconds(60)));

            // The client follows the metadata: [0, 1] pixels; the server applies the training split's mean/std.
            JsonPath metadata = given().get("/v2/models/" + MODEL).then().statusCode(200).extract().jsonPath();
            assertThat(metadata.getList("parameters.input_range", Integer.class)).containsExactly(0, 1);
            assertThat(metadata.getList("inputs[0].shape", Integer.class)).containsExactly(-1, 1, 28, 28);
            assertThat(metadata.getList("parameters.normalization.mean", Float.class))
                    .containsExactly(child.architecture().normalization().mean()[0]);

            ImageSet test = FashionMnistChildren.testImages();
            assertThat(test.count()).isEqualTo(10_000);
            InferenceClient client = new InferenceClient(base, MODEL);
            long correct = 0;
            for (int from = 0; from < test.count(); from += BATCH) {
                int count = Math.min(BATCH, test.count() - from);
                long[] labels = client.labels(FashionMnistChildren.pixels(test, from, count), count, 1, 28, 28);
                for (int i = 0; i < count; i++) {
                    if (labels[i] == test.label(from + i)) {
                        correct++;
                    }
                }
            }
            double served = (double) correct / test.count();
            LOG.infof("served accuracy %.4f over %d test images (trainer: %s); training %d s, serving %d s", served, test.count(),
                    child.architecture().accuracy(), (trained - started) / 1_000_000_000L, (System.nanoTime() - trained) / 1_000_000_000L);

            // Well above chance (0.1), so a mismatch in preprocessing could not hide behind two equally bad models.
            assertThat(served).isGreaterThan(0.25);
            // Exactly: the same weights, the same float32 preprocessing ((p/255 - mean) / std) and BatchNorm's running
            // statistics give the same logits, hence the same argmax for every image.
            assertThat(served).as("accuracy over /infer vs architecture.json").isEqualTo(child.architecture().accuracy());
            assertThat(child.architecture().accuracySplit()).isEqualTo("test");
            assertThat(outcome.summary().getChild().getTestAccuracy()).as("the trainer's status (4 decimals)").isEqualTo(served);
        } finally {
            registry.detach();
            if (model != null) {
                model.close();
            }
            if (previous != null) {
                registry.serve(previous, ServeLimits.defaults());
            }
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
