package io.kubenas.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.space.InputShape;
import io.kubenas.api.v1alpha1.BuiltinDataset;
import io.kubenas.api.v1alpha1.DatasetSpec;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetLoaderTest {

    @Test
    void fashionMnistHoldsOutAStratifiedTenthOfTheTrainingImagesForValidation() {
        FashionMnistFixture.data();
        DatasetSpec spec = DatasetSpec.builder().builtin(BuiltinDataset.FASHION_MNIST).validationFraction(0.1).build();

        DatasetSplits splits = new DatasetLoader(DatasetLocations.defaults()).load(spec, 42);

        assertThat(splits.train().count()).isEqualTo(54_000);
        assertThat(splits.validation().count()).isEqualTo(6_000);
        assertThat(splits.test().count()).isEqualTo(10_000);
        assertThat(splits.testIsValidation()).isFalse();
        assertThat(splits.validation().classCounts(10)).containsOnly(600);
        assertThat(splits.train().classCounts(10)).containsOnly(5_400);
        assertThat(splits.inputShape()).isEqualTo(InputShape.FASHION_MNIST);
        // Computed from the 54,000 training images: close to the well-known 0.2860 / 0.3530.
        assertThat(splits.normalization().mean()[0]).isBetween(0.28f, 0.29f);
        assertThat(splits.normalization().std()[0]).isBetween(0.35f, 0.356f);
    }

    @Test
    void heldOutValidationImagesAreDisjointFromTrainingAndTogetherCoverEveryImage() {
        ImageSet images = indexedImages(1_000, 7);

        DatasetLoader.HeldOut split = DatasetLoader.holdOut(images, 7, 0.2, 42);

        Set<Integer> train = ids(split.train());
        Set<Integer> validation = ids(split.validation());
        assertThat(train).doesNotContainAnyElementsOf(validation);
        assertThat(train.size() + validation.size()).isEqualTo(1_000);
        assertThat(validation).hasSizeBetween(196, 204);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedADifferentOne() {
        ImageSet images = indexedImages(1_000, 7);

        Set<Integer> first = ids(DatasetLoader.holdOut(images, 7, 0.1, 42).validation());
        Set<Integer> again = ids(DatasetLoader.holdOut(images, 7, 0.1, 42).validation());
        Set<Integer> other = ids(DatasetLoader.holdOut(images, 7, 0.1, 43).validation());

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    /** Images whose two pixels encode their index, labelled index mod classes (use 7 classes with {@link #ids}). */
    static ImageSet indexedImages(int count, int classes) {
        byte[] pixels = new byte[count * 4];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            pixels[i * 4] = (byte) (i >> 8);
            pixels[i * 4 + 1] = (byte) i;
            labels[i] = i % classes;
        }
        return new ImageSet(pixels, labels, 1, 2);
    }

    static Set<Integer> ids(ImageSet set) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < set.count(); i++) {
            byte[] image = set.image(i);
            int id = ((image[0] & 0xFF) << 8) | (image[1] & 0xFF);
            assertThat(set.label(i)).as("label of image %d travels with it", id).isEqualTo(id % 7);
            ids.add(id);
        }
        assertThat(ids).as("no image twice").hasSize(set.count());
        return ids;
    }
}
