package io.kubenas.trainer.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kubenas.api.v1alpha1.DatasetSpec;
import io.kubenas.api.v1alpha1.ImageFolderDataset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link ImageFolderStreamingTest}: loads {@code <volume>/train} as a search would (no
 * mean/std in the spec, so the normalisation is computed from the folder), serves one full training epoch
 * with augmentation and one validation pass, and prints what it did and its peak resident memory, which
 * only a process of its own can report.
 */
public final class ImageFolderReadProbe {
    private ImageFolderReadProbe() {
    }

    /** @param args the volume root, the image size, the training batch size */
    public static void main(String[] args) throws Exception {
        Path volume = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int batchSize = Integer.parseInt(args[2]);
        DatasetSpec spec = DatasetSpec.builder().imageFolder(ImageFolderDataset.builder().claimName("images").trainPath("train")
                .imageSize(size).channels(3).build()).validationFraction(0.1).build();

        long started = System.nanoTime();
        DatasetSplits splits = new DatasetLoader(DatasetLocations.defaults().withVolumeRoot(volume)).load(spec, 42);
        long loaded = System.nanoTime();
        long served = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchLoader train = splits.trainingBatches(new Augmentation(size / 14, true), batchSize, 42);
            try (BatchStream batches = train.stream(manager, 0)) {
                while (batches.hasNext()) {
                    try (ImageBatch batch = batches.next()) {
                        if (!batch.images().getShape().equals(new Shape(batchSize, 3, size, size))) {
                            throw new AssertionError("batch shape " + batch.images().getShape());
                        }
                        served += batch.size();
                    }
                }
            }
            // Not the search's validation batch of 256: with the one prefetched, two such batches of 224 px are
            // 308 MB of direct buffers, over the 256 MB a JVM with -Xmx256m may allocate.
            try (BatchStream batches = splits.validationBatches(batchSize).stream(manager, 0)) {
                while (batches.hasNext()) {
                    try (ImageBatch batch = batches.next()) {
                        served += batch.size();
                    }
                }
            }
        }
        long read = System.nanoTime();
        System.out.printf("probe train=%d validation=%d served=%d load_s=%.1f read_s=%.1f peak_rss_kb=%d normalization=%s%n",
                splits.train().count(), splits.validation().count(), served, (loaded - started) / 1e9, (read - loaded) / 1e9,
                peakRssKb(), splits.normalization());
    }

    /** VmHWM: the most resident memory this process has had. */
    private static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/self/status");
    }
}
