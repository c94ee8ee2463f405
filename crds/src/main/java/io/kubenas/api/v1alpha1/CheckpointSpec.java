package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/** Checkpointing of the search state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckpointSpec {

    /** Write a checkpoint every this many epochs. */
    @Default("1")
    @Min(1)
    @JsonPropertyDescription("Write a checkpoint every this many epochs.")
    private Integer intervalEpochs;

    /** Also write a checkpoint when this many minutes passed since the last one. */
    @Default("10")
    @Min(1)
    @JsonPropertyDescription("Also write a checkpoint when this many minutes passed since the last one.")
    private Integer intervalMinutes;

    /** How many of the newest checkpoints are kept. */
    @Default("3")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("How many of the newest checkpoints are kept.")
    private Integer keep;

    /** The PersistentVolumeClaim that holds checkpoints and the exported child. */
    @Default("{}")
    @JsonPropertyDescription("The PersistentVolumeClaim that holds checkpoints and the exported child.")
    private CheckpointStorageSpec storage;

    /** Keep the checkpoint volume when the NasSearch is deleted. */
    @Default("false")
    @JsonPropertyDescription("Keep the checkpoint volume when the NasSearch is deleted.")
    private Boolean retainOnDelete;

    public Integer getIntervalEpochs() {
        return intervalEpochs;
    }

    public void setIntervalEpochs(Integer intervalEpochs) {
        this.intervalEpochs = intervalEpochs;
    }

    public CheckpointSpec withIntervalEpochs(Integer intervalEpochs) {
        this.intervalEpochs = intervalEpochs;
        return this;
    }

    public Integer getIntervalMinutes() {
        return intervalMinutes;
    }

    public void setIntervalMinutes(Integer intervalMinutes) {
        this.intervalMinutes = intervalMinutes;
    }

    public CheckpointSpec withIntervalMinutes(Integer intervalMinutes) {
        this.intervalMinutes = intervalMinutes;
        return this;
    }

    public Integer getKeep() {
        return keep;
    }

    public void setKeep(Integer keep) {
        this.keep = keep;
    }

    public CheckpointSpec withKeep(Integer keep) {
        this.keep = keep;
        return this;
    }

    public CheckpointStorageSpec getStorage() {
        return storage;
    }

    public void setStorage(CheckpointStorageSpec storage) {
        this.storage = storage;
    }

    public CheckpointSpec withStorage(CheckpointStorageSpec storage) {
        this.storage = storage;
        return this;
    }

    public Boolean getRetainOnDelete() {
        return retainOnDelete;
    }

    public void setRetainOnDelete(Boolean retainOnDelete) {
        this.retainOnDelete = retainOnDelete;
    }

    public CheckpointSpec withRetainOnDelete(Boolean retainOnDelete) {
        this.retainOnDelete = retainOnDelete;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CheckpointSpec that)) {
            return false;
        }
        return Objects.equals(intervalEpochs, that.intervalEpochs) && Objects.equals(intervalMinutes, that.intervalMinutes) && Objects.equals(keep, that.keep) && Objects.equals(storage, that.storage) && Objects.equals(retainOnDelete, that.retainOnDelete);
    }

    @Override
    public int hashCode() {
        return Objects.hash(intervalEpochs, intervalMinutes, keep, storage, retainOnDelete);
    }

    @Override
    public String toString() {
        return "CheckpointSpec{" + "intervalEpochs=" + intervalEpochs + ", " + "intervalMinutes=" + intervalMinutes + ", " + "keep=" + keep + ", " + "storage=" + storage + ", " + "retainOnDelete=" + retainOnDelete + "}";
    }
}
