package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Named search spaces. */
public enum SearchSpacePreset {
    /**
     * For 28-32 px inputs: stem 16 channels, two stages of 4 choice layers (32 and 64 channels),
     * tail 128 channels.
     */
    @JsonProperty("tiny")
    TINY,
    /**
     * The DSNAS paper's space: 20 choice layers in stages of 4, 4, 8, 4 with 64, 160, 320, 640
     * channels, tail 1024 (for 224 px inputs).
     */
    @JsonProperty("shufflenet-imagenet")
    SHUFFLENET_IMAGENET;
}
