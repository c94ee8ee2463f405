package io.kubenas.trainer.serve;

import ai.djl.ndarray.NDManager;
import io.kubenas.api.progress.history.EpochRecord;
import io.kubenas.api.progress.history.HistoryLayer;
import io.kubenas.api.progress.history.LayerAlpha;
import io.kubenas.api.progress.history.SearchHistory;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.trainer.child.ChildArchitecture;
import io.kubenas.trainer.child.ChildDirectory;
import io.kubenas.trainer.child.ChildManifest;
import io.kubenas.trainer.data.Normalization;
import io.kubenas.trainer.history.HistoryFile;
import io.kubenas.trainer.serve.model.ChildDirectoryLoader;
import io.kubenas.trainer.serve.model.ChildNetworkFactory;
import io.kubenas.trainer.serve.model.LoadedChild;
import io.kubenas.trainer.serve.model.ServedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Exported children of {@link TinyNetwork} for the server's tests: written and loaded by the real code. */
final class TestChildren {
    static final int CHANNELS = 1;
    static final int SIZE = 8;
    static final int CLASSES = 3;
    static final String NAME = "tiny";
    static final List<String> CLASS_NAMES = List.of("circle", "square", "triangle");

    /** The hook as a test plugs it in: the tiny network, whatever the space says. */
    static final ChildNetworkFactory FACTORY = architecture -> TinyNetwork.block(architecture.space().input().classes());

    private static ServedModel shared;

    private TestChildren() {
    }

    static ChildArchitecture architecture() {
        InputShape input = new InputShape(CHANNELS, SIZE, CLASSES);
        ResolvedLayer layer = new ResolvedLayer(0, 8, 8, 1, SIZE, List.of(Candidate.SHUFFLE_3X3, Candidate.XCEPTION));
        ResolvedSearchSpace space = new ResolvedSearchSpace(input, 8, 1, List.of(layer), 16, 0.0);
        return new ChildArchitecture(ChildManifest.FORMAT_VERSION, NAME, "shapes", space, List.of("xception"), CLASS_NAMES,
                new Normalization(new float[] {0.5f}, new float[] {0.25f}), 0.875, "test");
    }

    /** Writes a child of the tiny network with weights from {@code seed} into {@code dir} (which must not exist). */
    static Path export(Path dir, long seed) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ChildDirectory.write(dir, architecture(), TinyNetwork.trained(manager, CHANNELS, SIZE, CLASSES, seed));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a child of the tiny network that carries a search history of one epoch, as a search exports it, into
     * {@code dir} (which must not exist).
     */
    static Path exportWithHistory(Path dir, long seed) {
        SearchHistory history = SearchHistory.builder().formatVersion(SearchHistory.FORMAT_VERSION).search(NAME).totalEpochs(1)
                .deviceSecondsLimit(3600.0).build();
        history.getLayers().add(HistoryLayer.builder().layer(0).candidates(List.of("shuffle3x3", "xception")).build());
        history.getEpochs().add(EpochRecord.builder().epoch(1).step(10L).trainingLoss(1.1).validationAccuracy(0.8).deviceSeconds(5.0)
                .layers(List.of(LayerAlpha.builder().probabilities(List.of(0.4, 0.6)).choice("xception").fixed(false).build())).build());
        try (NDManager manager = NDManager.newBaseManager()) {
            ChildDirectory.write(dir, architecture(), TinyNetwork.trained(manager, CHANNELS, SIZE, CLASSES, seed), HistoryFile.bytes(history));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a child through the real loader and starts a served model on it. */
    static ServedModel serve(Path dir, int workers) throws Exception {
        LoadedChild child = new ChildDirectoryLoader(FACTORY).load(dir);
        return ServedModel.start(child.metadata(null), child, workers, Duration.ofSeconds(30));
    }

    /** One model with 2 workers for all HTTP tests (building it takes a moment; the HTTP tests share one app). */
    static synchronized ServedModel shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("kubenas-serve-test").resolve("child");
            shared = serve(export(dir, 42), 2);
        }
        return shared;
    }

    /** Deterministic images with values in [0, 1]. */
    static float[] images(int count, long seed) {
        TinyNetwork.SplitMix random = new TinyNetwork.SplitMix(seed);
        float[] pixels = new float[count * CHANNELS * SIZE * SIZE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        return pixels;
    }
}
