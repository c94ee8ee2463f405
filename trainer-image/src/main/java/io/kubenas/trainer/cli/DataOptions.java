package io.kubenas.trainer.cli;

import io.kubenas.trainer.data.DatasetLocations;
import io.kubenas.trainer.data.FashionMnistReader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where datasets are read from; shared by every command that reads data. */
public class DataOptions {
    @Option(names = FashionMnistReader.DATA_DIR_OPTION, paramLabel = "DIR",
            description = "Folder with the Fashion-MNIST files (default: " + "${DEFAULT-VALUE}" + ", Debian package "
                    + FashionMnistReader.DEBIAN_PACKAGE + ").", defaultValue = "/usr/share/datasets/fashion-mnist")
    Path fashionMnistDir;

    @Option(names = "--volume-root", paramLabel = "DIR",
            description = "What the relative paths of imageFolder and cifar10 datasets are resolved against "
                    + "(default: the dataset volume's mount point in a pod, the current directory locally).")
    Path volumeRoot;

    public DatasetLocations locations(Path defaultVolumeRoot) {
        return DatasetLocations.defaults().withFashionMnistDir(fashionMnistDir)
                .withVolumeRoot(volumeRoot != null ? volumeRoot : defaultVolumeRoot);
    }
}
