package io.kubenas.trainer.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;

/** The real Fashion-MNIST, read once per test JVM (≈ 0.3 s). CI installs the Debian package first. */
final class FashionMnistFixture {
    private static SourceDataset data;

    private FashionMnistFixture() {
    }

    static synchronized SourceDataset data() {
        assumeTrue(Files.isRegularFile(FashionMnistReader.DEFAULT_DIR.resolve(FashionMnistReader.TRAIN_IMAGES)),
                "Fashion-MNIST is not installed: apt-get install -y " + FashionMnistReader.DEBIAN_PACKAGE);
        if (data == null) {
            data = new FashionMnistReader(FashionMnistReader.DEFAULT_DIR).read();
        }
        return data;
    }
}
