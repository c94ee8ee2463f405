package io.kubenas.trainer.data;

import io.kubenas.api.space.InputShape;
import java.util.List;

/**
 * The three splits a search uses. The validation split decides the architecture and whether the target
 * is reached; the test split is touched only by the final evaluation.
 *
 * @param train images the weights and architecture are trained on
 * @param validation held out of training (a seeded, stratified share of the training images, or the
 *        source's own validation folder)
 * @param test for the final evaluation; for an image folder without a test path it is the validation
 *        split itself ({@code testIsValidation} tells)
 * @param classNames class index → name
 * @param inputShape channels, size and number of classes
 * @param normalization applied to every split (computed from {@code train} unless the spec gives it)
 * @param testIsValidation true when there is no separate test split
 */
public record DatasetSplits(ImageSet train, ImageSet validation, ImageSet test, List<String> classNames, InputShape inputShape,
        Normalization normalization, boolean testIsValidation) {

    public DatasetSplits {
        classNames = List.copyOf(classNames);
    }

    /** Batches of the training split, shuffled per epoch and augmented, for the search and child training. */
    public BatchLoader trainingBatches(Augmentation augmentation, int batchSize, long seed) {
        return BatchLoader.training(train, normalization, augmentation, batchSize, seed);
    }

    /** Batches of the validation split, in order, without augmentation. */
    public BatchLoader validationBatches(int batchSize) {
        return BatchLoader.evaluation(validation, normalization, batchSize);
    }

    /** Batches of the test split, in order, without augmentation. */
    public BatchLoader testBatches(int batchSize) {
        return BatchLoader.evaluation(test, normalization, batchSize);
    }
}
