package io.kubenas.api.validation;

import io.kubenas.api.space.InputShape;
import io.kubenas.api.v1alpha1.DatasetSpec;
import io.kubenas.api.v1alpha1.ImageFolderDataset;

/**
 * What is left of the semantic validation once the CRD carries every rule: the input shape a dataset gives
 * (the trainer's too). The name length and
 * label form, channel counts, strides against the input size, candidates, TE-NAS survivors, warm-ups and the
 * GPU resource name are CEL rules of the model ({@code x-kubernetes-validations}), which the API server
 * enforces on every write and {@code NasSearchManifests} evaluates for manifests read without a cluster.
 */
public final class NasSearchValidator {
    private NasSearchValidator() {
    }

    /** The input the dataset provides; image folders learn their class count from the data. */
    public static InputShape inputShape(DatasetSpec dataset) {
        if (dataset.getImageFolder() != null) {
            ImageFolderDataset folder = dataset.getImageFolder();
            int channels = folder.getChannels() == null ? 3 : folder.getChannels();
            int size = folder.getImageSize() == null ? 32 : folder.getImageSize();
            return new InputShape(channels, size, InputShape.UNKNOWN_CLASSES);
        }
        if (dataset.getCifar10() != null) {
            return InputShape.CIFAR10;
        }
        return InputShape.FASHION_MNIST;
    }
}
