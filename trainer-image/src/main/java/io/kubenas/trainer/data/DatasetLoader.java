package io.kubenas.trainer.data;

import io.kubenas.api.space.InputShape;
import io.kubenas.api.v1alpha1.Cifar10Dataset;
import io.kubenas.api.v1alpha1.DatasetSpec;
import io.kubenas.api.v1alpha1.ImageFolderDataset;
import io.kubenas.api.validation.NasSearchValidator;
import io.kubenas.trainer.random.SplitMix64;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Turns {@code spec.dataset} into the three splits: reads the source, holds out the validation split,
 * and fixes the normalisation. Expects a spec with schema defaults applied (as the API server and
 * {@code NasSearchManifests} do).
 */
public final class DatasetLoader {
    private static final Logger LOG = Logger.getLogger(DatasetLoader.class);
    /** Keeps the split's random stream apart from the shuffling and augmentation streams of the same seed. */
    private static final long SPLIT_STREAM = 0x5EED_0001L;
    /** The CRD schema default of spec.dataset.validationFraction, for specs built in code without defaults. */
    private static final double SCHEMA_DEFAULT_VALIDATION_FRACTION = 0.1;

    private final DatasetLocations locations;

    public DatasetLoader(DatasetLocations locations) {
        this.locations = locations;
    }

    /**
     * @param seed spec.training.seed: the same seed gives the same validation split on every machine
     * @throws DatasetUnavailableException when files are missing or malformed (the message says how to fix it)
     */
    public DatasetSplits load(DatasetSpec spec, long seed) {
        long started = System.nanoTime();
        InputShape declared = NasSearchValidator.inputShape(spec);
        double fraction = spec.getValidationFraction() == null ? SCHEMA_DEFAULT_VALIDATION_FRACTION : spec.getValidationFraction();
        SourceDataset source = read(spec, declared);
        ImageSet train = source.train();
        ImageSet validation = source.validation();
        if (validation == null) {
            HeldOut split = holdOut(train, source.classNames().size(), fraction, seed);
            train = split.train();
            validation = split.validation();
        }
        if (train.count() == 0 || validation.count() == 0) {
            throw new DatasetUnavailableException("the dataset is too small: " + train.count() + " training and "
                    + validation.count() + " validation images after holding out " + fraction + " for validation");
        }
        boolean testIsValidation = source.test() == null;
        ImageSet test = testIsValidation ? validation : source.test();
        Normalization normalization = normalization(spec.getImageFolder(), train);
        InputShape shape = declared.withClasses(source.classNames().size());
        LOG.infof("dataset: %d training, %d validation, %d test images (%s), %d classes, %dx%dx%d, %s; loaded in %d ms",
                train.count(), validation.count(), test.count(), testIsValidation ? "test = validation" : "separate test split",
                shape.classes(), shape.channels(), shape.size(), shape.size(), normalization, (System.nanoTime() - started) / 1_000_000);
        return new DatasetSplits(train, validation, test, source.classNames(), shape, normalization, testIsValidation);
    }

    private SourceDataset read(DatasetSpec spec, InputShape shape) {
        if (spec.getImageFolder() != null) {
            return readImageFolder(spec.getImageFolder(), shape);
        }
        if (spec.getCifar10() != null) {
            Cifar10Dataset cifar = spec.getCifar10();
            return new Cifar10Reader(onVolume(cifar.getPath() == null ? "cifar-10-batches-bin" : cifar.getPath())).read();
        }
        return new FashionMnistReader(locations.fashionMnistDir()).read();
    }

    private SourceDataset readImageFolder(ImageFolderDataset folder, InputShape shape) {
        ImageFolderReader reader = new ImageFolderReader(shape.size(), shape.channels());
        Path trainDir = onVolume(folder.getTrainPath());
        List<String> classes = ImageFolderReader.classNames(trainDir);
        ImageSet train = reader.read(trainDir, classes, true);
        ImageSet validation = folder.getValidationPath() == null ? null : reader.read(onVolume(folder.getValidationPath()), classes, false);
        ImageSet test = folder.getTestPath() == null ? null : reader.read(onVolume(folder.getTestPath()), classes, false);
        return new SourceDataset(train, validation, test, classes);
    }

    private Path onVolume(String path) {
        return locations.volumeRoot().resolve(path);
    }

    private static Normalization normalization(ImageFolderDataset folder, ImageSet train) {
        if (folder != null && folder.getMean() != null && folder.getStd() != null) {
            return Normalization.of(folder.getMean(), folder.getStd());
        }
        return Normalization.computedFrom(train);
    }

    /** The training images minus the held-out validation images. */
    public record HeldOut(ImageSet train, ImageSet validation) {
    }

    /**
     * Holds out {@code fraction} of each class (rounded), chosen by a seeded shuffle: stratified, so the
     * validation split has the class balance of the training data and its accuracy is comparable across
     * seeds. Both parts keep the original image order. Only labels are read: for an image folder both parts
     * are lists of files, and no image is decoded.
     */
    public static HeldOut holdOut(ImageSet images, int classes, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < images.count(); i++) {
            byClass.get(images.label(i)).add(i);
        }
        boolean[] held = new boolean[images.count()];
        int heldCount = 0;
        for (int c = 0; c < classes; c++) {
            int[] members = byClass.get(c).stream().mapToInt(Integer::intValue).toArray();
            new SplitMix64(SplitMix64.mix(seed, SPLIT_STREAM, c)).shuffle(members);
            int take = (int) Math.round(members.length * fraction);
            for (int k = 0; k < take; k++) {
                held[members[k]] = true;
            }
            heldCount += take;
        }
        int[] validation = new int[heldCount];
        int[] train = new int[images.count() - heldCount];
        int v = 0;
        int t = 0;
        for (int i = 0; i < held.length; i++) {
            if (held[i]) {
                validation[v++] = i;
            } else {
                train[t++] = i;
            }
        }
        return new HeldOut(images.select(train), images.select(validation));
    }
}
