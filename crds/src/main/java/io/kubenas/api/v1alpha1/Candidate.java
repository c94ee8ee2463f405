package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Candidate operations of a choice layer (ShuffleNetV2-style units). */
public enum Candidate {
    /** ShuffleNetV2 unit with a 3x3 depthwise convolution. */
    @JsonProperty("shuffle3x3")
    SHUFFLE_3X3,
    /** ShuffleNetV2 unit with a 5x5 depthwise convolution. */
    @JsonProperty("shuffle5x5")
    SHUFFLE_5X5,
    /** ShuffleNetV2 unit with a 7x7 depthwise convolution. */
    @JsonProperty("shuffle7x7")
    SHUFFLE_7X7,
    /** Xception-style unit: three depthwise 3x3 + pointwise stages. */
    @JsonProperty("xception")
    XCEPTION;

    /** The name used in manifests, checkpoints and status (e.g. {@code shuffle3x3}). */
    public String wireName() {
        try {
            return Candidate.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The candidate with this wire name, or null when there is none. */
    public static Candidate fromWireName(String wireName) {
        for (Candidate c : values()) {
            if (c.wireName().equals(wireName)) {
                return c;
            }
        }
        return null;
    }
}
