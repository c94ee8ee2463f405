package io.kubenas.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubenas.api.space.InputShape;
import io.kubenas.api.v1alpha1.Cifar10Dataset;
import io.kubenas.api.v1alpha1.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {
    private static final int RECORD = 1 + 3072;

    @Test
    void readsLabelsAndChannelPlanarPixelsFromEveryBatchFile(@TempDir Path dir) throws IOException {
        writeBatches(dir, 20, 10);

        SourceDataset data = new Cifar10Reader(dir).read();

        assertThat(data.train().count()).isEqualTo(100);
        assertThat(data.test().count()).isEqualTo(10);
        assertThat(data.train().channels()).isEqualTo(3);
        assertThat(data.train().size()).isEqualTo(32);
        assertThat(data.classNames()).isEqualTo(Cifar10Reader.CLASS_NAMES);
        // Record r of batch b: label (b + r) % 10, red plane = r, green = b, blue = 200.
        int third = 2 * 20 + 5; // batch 3 (index 2), record 5
        assertThat(data.train().label(third)).isEqualTo((2 + 5) % 10);
        byte[] image = data.train().image(third);
        assertThat(image[0] & 0xFF).isEqualTo(5);
        assertThat(image[1024] & 0xFF).isEqualTo(2);
        assertThat(image[2048 + 1023] & 0xFF).isEqualTo(200);
    }

    @Test
    void missingBatchFileIsNamed(@TempDir Path dir) throws IOException {
        writeBatches(dir, 2, 2);
        Files.delete(dir.resolve("data_batch_4.bin"));

        assertThatThrownBy(() -> new Cifar10Reader(dir).read())
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("data_batch_4.bin")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void truncatedBatchFileIsNamedWithItsSize(@TempDir Path dir) throws IOException {
        writeBatches(dir, 2, 2);
        Path test = dir.resolve(Cifar10Reader.TEST_FILE);
        byte[] bytes = Files.readAllBytes(test);
        Files.write(test, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> new Cifar10Reader(dir).read())
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("test_batch.bin")
                .hasMessageContaining("truncated")
                .hasMessageContaining(String.valueOf(bytes.length - 100));
    }

    @Test
    void loaderResolvesTheSpecPathOnTheVolumeAndHoldsOutValidation(@TempDir Path volume) throws IOException {
        Path dir = Files.createDirectories(volume.resolve("cifar"));
        writeBatches(dir, 20, 10);
        DatasetSpec spec = DatasetSpec.builder().cifar10(Cifar10Dataset.builder().claimName("data").path("cifar").build())
                .validationFraction(0.2).build();

        DatasetSplits splits = new DatasetLoader(DatasetLocations.defaults().withVolumeRoot(volume)).load(spec, 1);

        assertThat(splits.inputShape()).isEqualTo(InputShape.CIFAR10);
        assertThat(splits.validation().count()).isEqualTo(20);
        assertThat(splits.train().count()).isEqualTo(80);
        assertThat(splits.test().count()).isEqualTo(10);
        assertThat(splits.normalization().channels()).isEqualTo(3);
    }

    /** Five training batches of {@code perBatch} records and a test batch of {@code testRecords}. */
    static void writeBatches(Path dir, int perBatch, int testRecords) throws IOException {
        for (int b = 0; b < 5; b++) {
            Files.write(dir.resolve("data_batch_" + (b + 1) + ".bin"), records(b, perBatch));
        }
        Files.write(dir.resolve(Cifar10Reader.TEST_FILE), records(9, testRecords));
    }

    private static byte[] records(int batch, int count) {
        byte[] bytes = new byte[count * RECORD];
        for (int r = 0; r < count; r++) {
            int at = r * RECORD;
            bytes[at] = (byte) ((batch + r) % 10);
            java.util.Arrays.fill(bytes, at + 1, at + 1 + 1024, (byte) r);
            java.util.Arrays.fill(bytes, at + 1 + 1024, at + 1 + 2048, (byte) batch);
            java.util.Arrays.fill(bytes, at + 1 + 2048, at + RECORD, (byte) 200);
        }
        return bytes;
    }
}
