package io.kubenas.trainer.data;

import java.nio.file.Path;

/**
 * Where dataset files are on this machine.
 *
 * @param fashionMnistDir the folder of the Fashion-MNIST IDX files ({@link FashionMnistReader#DATA_DIR_OPTION})
 * @param volumeRoot what relative paths of {@code imageFolder} and {@code cifar10} are resolved against:
 *        the mount point of the dataset claim in a pod, the current directory in a local run (absolute
 *        paths in the spec are used as they are)
 */
public record DatasetLocations(Path fashionMnistDir, Path volumeRoot) {
    /** Debian's Fashion-MNIST folder; spec paths relative to the working directory. */
    public static DatasetLocations defaults() {
        return new DatasetLocations(FashionMnistReader.DEFAULT_DIR, Path.of(""));
    }

    public DatasetLocations withFashionMnistDir(Path dir) {
        return new DatasetLocations(dir, volumeRoot);
    }

    public DatasetLocations withVolumeRoot(Path root) {
        return new DatasetLocations(fashionMnistDir, root);
    }
}
