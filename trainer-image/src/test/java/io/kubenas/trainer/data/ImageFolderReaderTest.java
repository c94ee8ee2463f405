package io.kubenas.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubenas.api.v1alpha1.DatasetSpec;
import io.kubenas.api.v1alpha1.ImageFolderDataset;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    @Test
    void classNamesAreTheSortedSubFoldersAndLabelsFollowThem(@TempDir Path root) throws IOException {
        writeImage(root.resolve("zebra/1.png"), 40, 40, Color.WHITE, "png");
        writeImage(root.resolve("ant/1.png"), 40, 40, Color.BLACK, "png");
        writeImage(root.resolve("ant/2.jpg"), 40, 40, Color.BLACK, "jpg");
        Files.writeString(root.resolve("ant/README.txt"), "not an image");

        List<String> classes = ImageFolderReader.classNames(root);
        ImageSet images = new ImageFolderReader(8, 3).read(root, classes, true);

        assertThat(classes).containsExactly("ant", "zebra");
        assertThat(images.count()).isEqualTo(3);
        assertThat(images.labels()).containsExactly(0, 0, 1);
        assertThat(images.image(2)).containsOnly((byte) 255);
    }

    @Test
    void resizesTheShorterSideAndCentreCropsToASquare(@TempDir Path root) throws IOException {
        // 60×30: a red left third, green middle third, blue right third. The centre 30×30 crop is
        // the 15 px of green in the middle plus 7.5 px of red and blue on each side.
        BufferedImage wide = new BufferedImage(60, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 20, 30);
        g.setColor(Color.GREEN);
        g.fillRect(20, 0, 20, 30);
        g.setColor(Color.BLUE);
        g.fillRect(40, 0, 20, 30);
        g.dispose();
        Files.createDirectories(root.resolve("a"));
        ImageIO.write(wide, "png", root.resolve("a/wide.png").toFile());

        ImageSet images = new ImageFolderReader(6, 3).read(root, List.of("a"), true);

        byte[] pixels = images.image(0);
        int plane = 36;
        // Column 0 is red (left of the crop), column 3 green (centre), column 5 blue (right).
        assertThat(pixels[0] & 0xFF).isGreaterThan(200);
        assertThat(pixels[plane + 3] & 0xFF).isGreaterThan(200);
        assertThat(pixels[2 * plane + 5] & 0xFF).isGreaterThan(200);
        assertThat(pixels[3] & 0xFF).isLessThan(50);
    }

    @Test
    void convertsColourToGreyAndKeepsGreyImagesExact(@TempDir Path root) throws IOException {
        writeImage(root.resolve("c/red.png"), 16, 16, new Color(255, 0, 0), "png");
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 16, 16, 0, filled(256, 77));
        ImageIO.write(grey, "png", root.resolve("c/grey.png").toFile());

        ImageSet asGrey = new ImageFolderReader(8, 1).read(root, List.of("c"), true);
        ImageSet asRgb = new ImageFolderReader(8, 3).read(root, List.of("c"), true);

        // Sorted: grey.png, red.png. BT.601 luma of pure red = round(0.299 × 255) = 76.
        assertThat(asGrey.image(0)).containsOnly((byte) 77);
        assertThat(asGrey.image(1)).containsOnly((byte) 76);
        assertThat(asRgb.image(0)).containsOnly((byte) 77);
    }

    @Test
    void aValidationClassUnknownToTrainingIsAnError(@TempDir Path root) throws IOException {
        writeImage(root.resolve("train/cat/1.png"), 8, 8, Color.GRAY, "png");
        writeImage(root.resolve("val/dog/1.png"), 8, 8, Color.GRAY, "png");

        assertThatThrownBy(() -> new ImageFolderReader(8, 3).read(root.resolve("val"), List.of("cat"), false))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("'dog'");
    }

    @Test
    void anUndecodableImageIsNamed(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("cat"));
        Files.write(root.resolve("cat/broken.png"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> new ImageFolderReader(8, 3).read(root, List.of("cat"), true))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("broken.png");
    }

    @Test
    void aFileOfRandomBytesIsNamedWhenTheFolderIsRead(@TempDir Path root) throws IOException {
        writeImage(root.resolve("cat/good.png"), 8, 8, Color.GRAY, "png");
        Path broken = root.resolve("cat/random.png");
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        Files.write(broken, noise);

        assertThatThrownBy(() -> new ImageFolderReader(8, 3).read(root, List.of("cat"), true))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("not a format javax.imageio reads");
    }

    @Test
    void anImageOverTheLimitIsRefusedFromItsHeaderNamingTheFile(@TempDir Path root) throws IOException {
        writeImage(root.resolve("cat/good.png"), 8, 8, Color.GRAY, "png");
        // A valid 20000×20000 PNG (400 megapixels, about 50 kB on disk): decoding it would need gigabytes of heap.
        Path huge = root.resolve("cat/huge.png");
        Files.write(huge, ImageFolderFixture.blackPng(20_000, 20_000));

        assertThatThrownBy(() -> new ImageFolderReader(8, 3).read(root, List.of("cat"), true))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining(huge.toString())
                .hasMessageContaining("20000x20000 pixels (400.0 megapixels)")
                .hasMessageContaining("limit of 50 megapixels");
        // The decoder checks the header again, should the file change after the folder was read.
        assertThatThrownBy(() -> new ImageFileDecoder(8, 3).decodeInto(huge, new byte[3 * 8 * 8], 0))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining(huge.toString())
                .hasMessageContaining("400.0 megapixels");
    }

    @Test
    void everyBadFileIsCountedAndTheFirstOnesNamedInFolderOrder(@TempDir Path root) throws IOException {
        writeImage(root.resolve("cat/good.png"), 8, 8, Color.GRAY, "png");
        for (String name : List.of("cat/b1.png", "cat/b2.jpg", "dog/b3.png", "dog/b4.png")) {
            Files.createDirectories(root.resolve(name).getParent());
            Files.write(root.resolve(name), new byte[] {1, 2, 3});
        }

        assertThatThrownBy(() -> new ImageFolderReader(8, 3).read(root, List.of("cat", "dog"), true))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageStartingWith("cannot decode image " + root.resolve("cat/b1.png"))
                .hasMessageContaining("4 images under " + root + " fail this check")
                .hasMessageContaining("others: " + root.resolve("cat/b2.jpg") + ", " + root.resolve("dog/b3.png") + ", ...");
    }

    @Test
    void missingTrainFolderIsNamed(@TempDir Path root) {
        assertThatThrownBy(() -> ImageFolderReader.classNames(root.resolve("nope")))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void loaderUsesTheValidationFolderWhenGivenAndReportsValidationAsTestWithoutATestFolder(@TempDir Path volume)
            throws IOException {
        for (int i = 0; i < 6; i++) {
            writeImage(volume.resolve("train/cat/" + i + ".png"), 12, 12, Color.ORANGE, "png");
            writeImage(volume.resolve("train/dog/" + i + ".png"), 12, 12, Color.DARK_GRAY, "png");
        }
        writeImage(volume.resolve("val/dog/0.png"), 12, 12, Color.DARK_GRAY, "png");
        ImageFolderDataset folder = ImageFolderDataset.builder().claimName("images").trainPath("train")
                .validationPath("val").imageSize(8).channels(3).mean(List.of(0.5, 0.5, 0.5))
                .std(List.of(0.25, 0.25, 0.25)).build();
        DatasetSpec spec = DatasetSpec.builder().imageFolder(folder).validationFraction(0.1).build();

        DatasetSplits splits = new DatasetLoader(DatasetLocations.defaults().withVolumeRoot(volume)).load(spec, 3);

        assertThat(splits.train().count()).isEqualTo(12);
        assertThat(splits.validation().count()).isEqualTo(1);
        assertThat(splits.validation().label(0)).isEqualTo(1);
        assertThat(splits.testIsValidation()).isTrue();
        assertThat(splits.test()).isSameAs(splits.validation());
        assertThat(splits.classNames()).containsExactly("cat", "dog");
        assertThat(splits.inputShape().classes()).isEqualTo(2);
        assertThat(splits.inputShape().size()).isEqualTo(8);
        assertThat(splits.normalization()).isEqualTo(new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}));
    }

    @Test
    void loaderHoldsOutAFractionWhenThereIsNoValidationFolder(@TempDir Path volume) throws IOException {
        for (int i = 0; i < 10; i++) {
            writeImage(volume.resolve("train/a/" + i + ".png"), 9, 9, Color.RED, "png");
            writeImage(volume.resolve("train/b/" + i + ".png"), 9, 9, Color.BLUE, "png");
        }
        DatasetSpec spec = DatasetSpec.builder().imageFolder(ImageFolderDataset.builder().claimName("x").trainPath("train")
                .imageSize(8).channels(1).build()).validationFraction(0.2).build();

        DatasetSplits splits = new DatasetLoader(DatasetLocations.defaults().withVolumeRoot(volume)).load(spec, 3);

        assertThat(splits.validation().classCounts(2)).containsExactly(2, 2);
        assertThat(splits.train().count()).isEqualTo(16);
        assertThat(splits.train().channels()).isEqualTo(1);
    }

    private static void writeImage(Path file, int width, int height, Color colour, String format) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ImageIO.write(image, format, file.toFile());
    }

    private static int[] filled(int n, int value) {
        int[] values = new int[n];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
