package io.kubenas.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistReaderTest {

    @Test
    void readsSixtyThousandTrainingAndTenThousandTestImagesWithLabelsZeroToNine() {
        SourceDataset data = FashionMnistFixture.data();

        assertThat(data.train().count()).isEqualTo(60_000);
        assertThat(data.test().count()).isEqualTo(10_000);
        assertThat(data.train().channels()).isEqualTo(1);
        assertThat(data.train().size()).isEqualTo(28);
        assertThat(data.train().classCounts(10)).containsOnly(6_000);
        assertThat(data.test().classCounts(10)).containsOnly(1_000);
        assertThat(data.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        assertThat(data.validation()).isNull();
    }

    @Test
    void missingFolderErrorNamesTheDebianPackageAndTheCliOption(@TempDir Path empty) {
        assertThatThrownBy(() -> new FashionMnistReader(empty.resolve("nowhere")).read())
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("dataset-fashion-mnist")
                .hasMessageContaining("apt-get install -y dataset-fashion-mnist")
                .hasMessageContaining(FashionMnistReader.DATA_DIR_OPTION)
                .hasMessageContaining("--data-dir")
                .hasMessageContaining("train-images-idx3-ubyte.gz");
    }

    @Test
    void truncatedFileIsReportedByName(@TempDir Path dir) throws IOException {
        for (String name : new String[] {FashionMnistReader.TRAIN_IMAGES, FashionMnistReader.TEST_IMAGES}) {
            writeGzip(dir.resolve(name), new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3});
        }
        for (String name : new String[] {FashionMnistReader.TRAIN_LABELS, FashionMnistReader.TEST_LABELS}) {
            writeGzip(dir.resolve(name), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 2});
        }

        assertThatThrownBy(() -> new FashionMnistReader(dir).read())
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining(FashionMnistReader.TRAIN_IMAGES)
                .hasMessageContaining("truncated");
    }

    private static void writeGzip(Path file, byte[] bytes) throws IOException {
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }
}
