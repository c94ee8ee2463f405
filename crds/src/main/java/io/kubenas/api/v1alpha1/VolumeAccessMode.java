package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Access mode of the checkpoint volume. */
public enum VolumeAccessMode {
    /**
     * Mounted read-write by one node (enough for one trainer pod and a serving pod on the same
     * node, or sequential use).
     */
    @JsonProperty("ReadWriteOnce")
    READ_WRITE_ONCE,
    /** Mounted read-write by many nodes: lets serving replicas run anywhere. */
    @JsonProperty("ReadWriteMany")
    READ_WRITE_MANY,
    /** Mounted read-write by exactly one pod. */
    @JsonProperty("ReadWriteOncePod")
    READ_WRITE_ONCE_POD;
}
