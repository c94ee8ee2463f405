package io.kubenas.trainer.data;

import java.util.List;

/**
 * What a reader found on disk, before the validation split is held out.
 *
 * @param train the training images (the validation split is taken from them unless {@code validation} is set)
 * @param validation a validation set given by the source itself (image folders), else null
 * @param test the test set for the final evaluation, else null
 * @param classNames class index → name
 */
public record SourceDataset(ImageSet train, ImageSet validation, ImageSet test, List<String> classNames) {
    public SourceDataset {
        classNames = List.copyOf(classNames);
    }
}
