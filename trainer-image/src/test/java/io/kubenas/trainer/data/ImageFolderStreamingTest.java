package io.kubenas.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.kubenas.api.progress.TrainerExitCode;
import io.kubenas.api.v1alpha1.DatasetSpec;
import io.kubenas.api.v1alpha1.ImageFolderDataset;
import io.kubenas.trainer.cli.CliErrors;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderStreamingTest {
    private static final Normalization IDENTITY = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void folderBatchesAreTheDecodedImagesNormalisedWithOrWithoutPrefetch(@TempDir Path root) throws IOException {
        ImageSet images = distinctColours(root, 3, 7);
        BatchLoader evaluation = BatchLoader.evaluation(images, IDENTITY, 4);

        List<float[]> prefetched = batches(evaluation, 0);
        List<float[]> inline = batches(evaluation.withPrefetch(false), 0);

        float[] served = concat(prefetched);
        assertThat(served).hasSize(21 * images.imageBytes());
        for (int i = 0; i < images.count(); i++) {
            byte[] image = images.image(i);
            for (int p = 0; p < image.length; p++) {
                assertThat(served[i * image.length + p]).isEqualTo((image[p] & 0xFF) / 255f);
            }
        }
        assertThat(concat(inline)).isEqualTo(served);
        BatchLoader augmented = BatchLoader.training(images, IDENTITY, new Augmentation(2, true), 4, 9);
        assertThat(concat(batches(augmented.withPrefetch(false), 3))).isEqualTo(concat(batches(augmented, 3)));
    }

    @Test
    void theNormalisationOfASmallFolderIsComputedOverEveryImageAsForAHeapSet(@TempDir Path root) throws IOException {
        ImageSet folder = distinctColours(root, 3, 7);
        byte[] pixels = new byte[folder.count() * folder.imageBytes()];
        for (int i = 0; i < folder.count(); i++) {
            System.arraycopy(folder.image(i), 0, pixels, i * folder.imageBytes(), folder.imageBytes());
        }
        ImageSet heap = new ImageSet(pixels, folder.labels(), folder.channels(), folder.size());

        assertThat(Normalization.computedFrom(folder)).isEqualTo(Normalization.computedFrom(heap));
    }

    @Test
    void theNormalisationSampleOfALargeFolderIsEvenlySpreadAndFixed() {
        int[] sample = Normalization.evenlySpaced(1_281_167, Normalization.FOLDER_SAMPLE);

        assertThat(sample).hasSize(5_000).startsWith(0).isSorted().doesNotHaveDuplicates();
        assertThat(sample[4_999]).isBetween(1_281_167 - 257, 1_281_166);
        assertThat(Normalization.evenlySpaced(1_281_167, Normalization.FOLDER_SAMPLE)).isEqualTo(sample);
    }

    /**
     * A truncated PNG has a good header, so the check at load lets it through; the batch that decodes it, in
     * epoch 3 here, ends the attempt as invalid input (exit 64) with the file named, as the CLI reports any
     * dataset error — not as a failure of the trainer with a stack trace from the decode thread.
     */
    @Test
    void anImageDamagedBehindItsHeaderEndsAnEpochAsInvalidInputNamingTheFile(@TempDir Path volume) throws IOException {
        for (int i = 0; i < 10; i++) {
            ImageFolderFixture.writeImage(volume.resolve("train/a/" + i + ".png"), 12, 12, Color.ORANGE, "png");
            ImageFolderFixture.writeImage(volume.resolve("train/b/" + i + ".png"), 12, 12, Color.BLUE, "png");
        }
        ImageFolderFixture.writeImage(volume.resolve("val/a/0.png"), 12, 12, Color.ORANGE, "png");
        Path damaged = volume.resolve("train/b/7.png");
        writeTruncatedNoisePng(damaged);
        DatasetSpec spec = DatasetSpec.builder().imageFolder(ImageFolderDataset.builder().claimName("images").trainPath("train")
                .validationPath("val").imageSize(8).channels(3).mean(List.of(0.5, 0.5, 0.5)).std(List.of(0.25, 0.25, 0.25))
                .build()).build();
        DatasetSplits splits = new DatasetLoader(DatasetLocations.defaults().withVolumeRoot(volume)).load(spec, 1);
        BatchLoader train = splits.trainingBatches(new Augmentation(1, true), 4, 1);

        StringWriter err = new StringWriter();
        int exit = CliErrors.run("search", new PrintWriter(err), () -> {
            batches(train, 3);
            return 0;
        });

        assertThat(exit).isEqualTo(TrainerExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).startsWith("search: cannot decode image " + damaged).doesNotContain("Exception");
        assertThatThrownBy(() -> batches(train.withPrefetch(false), 3)).isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining(damaged.toString());
    }

    /**
     * 20,500 JPEGs of 224×224 read in a JVM of 256 MB heap: a search's load (header check, sampled
     * normalisation, validation hold-out) then one training epoch and one validation pass. Decoded, they are
     * 3.1 GB of pixels — more than the heap, and more than the one byte array the reader used to decode them
     * into could even index (its int size overflowed past 14,266 such images).
     */
    @Test
    @Tag("slow")
    void streamsAFolderOfTwentyThousand224PixelImagesInBoundedMemory(@TempDir Path volume) throws Exception {
        int classes = 10;
        int perClass = 2_050;
        long started = System.nanoTime();
        ImageFolderFixture.writeJpegFolder(volume.resolve("train"), classes, perClass, 224);
        double generated = (System.nanoTime() - started) / 1e9;
        Path output = volume.resolve("probe.log");

        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dai.djl.offline=true", "-cp", classPath, ImageFolderReadProbe.class.getName(), volume.toString(), "224", "64")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = probe.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            probe.destroyForcibly();
        }
        String log = Files.readString(output);
        assertThat(finished).as("probe finished within 5 minutes:%n%s", log).isTrue();
        assertThat(probe.exitValue()).as(log).isZero();

        Matcher result = Pattern.compile("probe train=(\\d+) validation=(\\d+) served=(\\d+) load_s=([0-9.]+) read_s=([0-9.]+)"
                + " peak_rss_kb=(\\d+)").matcher(log);
        assertThat(result.find()).as(log).isTrue();
        int train = Integer.parseInt(result.group(1));
        int validation = Integer.parseInt(result.group(2));
        long served = Long.parseLong(result.group(3));
        long peakRssMb = Long.parseLong(result.group(6)) / 1024;
        log.lines().filter(line -> line.contains("headers checked") || line.startsWith("probe ")).forEach(System.out::println);
        System.out.printf("[measure] %d images of 224x224 (JPEG): generated in %.1f s; load (header check, normalisation sample) %s s,"
                        + " one training epoch + one validation pass %s s; peak RSS %d MB with -Xmx256m%n",
                classes * perClass, generated, result.group(4), result.group(5), peakRssMb);
        assertThat(train + validation).isEqualTo(classes * perClass);
        assertThat(served).isEqualTo(train / 64 * 64 + validation);
        assertThat(peakRssMb).as("peak RSS in MB; the pixels alone are %d MB", (long) classes * perClass * 3 * 224 * 224 >> 20)
                .isLessThan(1024);
    }

    /** {@code perClass} images of distinct colours in each of {@code classes} folders, read as a folder set. */
    private static ImageSet distinctColours(Path root, int classes, int perClass) throws IOException {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("k" + c);
            for (int i = 0; i < perClass; i++) {
                ImageFolderFixture.writeImage(root.resolve("k" + c + "/" + i + ".png"), 10, 10,
                        new Color(40 * c + 5 * i, 255 - 30 * i, 17 * c + 3 * i), "png");
            }
        }
        ImageSet images = new ImageFolderReader(8, 3).read(root, names, true);
        assertThat(images.decodesOnRead()).isTrue();
        return images;
    }

    private static void writeTruncatedNoisePng(Path file) throws IOException {
        java.awt.image.BufferedImage noise = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(3);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(noise, "png", bytes);
        byte[] whole = bytes.toByteArray();
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    }

    /** Every batch of an epoch, copied out of native memory. */
    private static List<float[]> batches(BatchLoader loader, int epoch) {
        List<float[]> batches = new ArrayList<>();
        try (BatchStream stream = loader.stream(manager, epoch)) {
            while (stream.hasNext()) {
                try (var batch = stream.next()) {
                    batches.add(batch.images().toFloatArray());
                }
            }
        }
        return batches;
    }

    private static float[] concat(List<float[]> parts) {
        int length = parts.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[length];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
