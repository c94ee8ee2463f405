package io.kubenas.trainer.serve;

import io.kubenas.api.budget.Usage;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubenas.api.manifest.NasSearchManifests;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.trainer.data.DatasetLocations;
import io.kubenas.trainer.data.FashionMnistReader;
import io.kubenas.trainer.data.ImageSet;
import io.kubenas.trainer.progress.ProgressReporter;
import io.kubenas.trainer.search.GracefulStop;
import io.kubenas.trainer.search.RunEnvironment;
import io.kubenas.trainer.search.SearchOutcome;
import io.kubenas.trainer.search.SearchPlan;
import io.kubenas.trainer.search.SearchRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Real Fashion-MNIST for the server's end-to-end tests: children trained by the real pipeline, and the test
 * split as the [0, 1] pixels a client sends.
 */
public final class FashionMnistChildren {
    public static final int SIZE = 28;
    static final int PIXELS = SIZE * SIZE;

    private static ImageSet test;

    private FashionMnistChildren() {
    }

    /** Fails the calling test, saying how to install it, when the Debian package is missing (./run-tests installs it). */
    static void requireInstalled() {
        assertTrue(Files.isRegularFile(FashionMnistReader.DEFAULT_DIR.resolve(FashionMnistReader.TRAIN_IMAGES))
                && Files.isRegularFile(FashionMnistReader.DEFAULT_DIR.resolve(FashionMnistReader.TEST_IMAGES)),
                "Fashion-MNIST is not installed: apt-get install -y " + FashionMnistReader.DEBIAN_PACKAGE);
    }

    /**
     * A NasSearch manifest for one search epoch of {@code steps} steps without warm-up, then {@code childEpochs}
     * epochs of as many steps training the derived child alone. A constant learning rate of 0.1 and a 2% validation
     * split make a child clearly better than chance in a hundred steps or so (these tests check serving, not search).
     */
    static String manifest(String name, int steps, int childEpochs) {
        return """
                apiVersion: kubenas.io/v1alpha1
                kind: NasSearch
                metadata:
                  name: %s
                spec:
                  dataset:
                    builtin: fashion-mnist
                    validationFraction: 0.02
                  training:
                    epochs: 1
                    warmupEpochs: 0
                    childEpochs: %d
                    maxStepsPerEpoch: %d
                    seed: 7
                    weightOptimizer: {learningRate: 0.1, schedule: constant}
                  budget:
                    deviceHours: 1
                """.formatted(name, childEpochs, steps);
    }

    /** Runs that search through {@link SearchRunner}, as {@code run} does, and returns how it ended (with the child). */
    static SearchOutcome train(Path workDir, String name, int steps, int childEpochs) throws IOException {
        return train(workDir, manifest(name, steps, childEpochs));
    }

    /** Runs the search of a NasSearch manifest through {@link SearchRunner}, as {@code run} does. */
    static SearchOutcome train(Path workDir, String manifest) throws IOException {
        requireInstalled();
        SearchPlan plan = SearchPlan.from(NasSearchManifests.parse(manifest), 0);
        ProgressReporter quiet = new ProgressReporter() {
            @Override
            public void report(TrainerProgress progress) {
            }
        };
        GracefulStop never = new GracefulStop(Duration.ofMinutes(5), code -> { });
        RunEnvironment env = new RunEnvironment(workDir, DatasetLocations.defaults(), quiet, never, Clock.systemUTC(), 1, Usage.NONE);
        return new SearchRunner(plan, env).run();
    }

    /** The 10,000 test images, read once per JVM. */
    public static synchronized ImageSet testImages() {
        requireInstalled();
        if (test == null) {
            test = new FashionMnistReader(FashionMnistReader.DEFAULT_DIR).read().test();
        }
        return test;
    }

    /**
     * Images {@code from .. from+count-1} as the server takes them: 8-bit value / 255 as FP32, in [0, 1]
     * ({@code input_range} in the model's metadata). The server applies the training normalisation itself.
     */
    public static float[] pixels(ImageSet images, int from, int count) {
        float[] pixels = new float[count * PIXELS];
        for (int i = 0; i < count; i++) {
            byte[] image = images.image(from + i);
            for (int p = 0; p < PIXELS; p++) {
                pixels[i * PIXELS + p] = (image[p] & 0xFF) / 255f;
            }
        }
        return pixels;
    }
}
