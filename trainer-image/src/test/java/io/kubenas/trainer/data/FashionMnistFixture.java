package io.kubenas.trainer.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

/** The real Fashion-MNIST, read once per test JVM (≈ 0.3 s). ./run-tests installs the Debian package first;
 * without it the test fails and says how to install it. */
final class FashionMnistFixture {
    private static SourceDataset data;

    private FashionMnistFixture() {
    }

    static synchronized SourceDataset data() {
        assertTrue(Files.isRegularFile(FashionMnistReader.DEFAULT_DIR.resolve(FashionMnistReader.TRAIN_IMAGES)),
                "Fashion-MNIST is not installed: apt-get install -y " + FashionMnistReader.DEBIAN_PACKAGE);
        if (data == null) {
            data = new FashionMnistReader(FashionMnistReader.DEFAULT_DIR).read();
        }
        return data;
    }
}
