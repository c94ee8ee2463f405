package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Datasets that ship with the trainer image. */
public enum BuiltinDataset {
    /**
     * Fashion-MNIST: 60,000 training and 10,000 test images, 28x28 grey, 10 classes (Debian package
     * dataset-fashion-mnist).
     */
    @JsonProperty("fashion-mnist")
    FASHION_MNIST;
}
