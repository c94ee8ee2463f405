package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the weight learning rate changes over the search. */
public enum LearningRateSchedule {
    /** Linear warm-up for lrWarmupEpochs, then cosine decay to zero at the last step. */
    @JsonProperty("cosine")
    COSINE,
    /** Linear warm-up for lrWarmupEpochs, then constant. */
    @JsonProperty("constant")
    CONSTANT;
}
