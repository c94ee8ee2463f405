package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** Checkpoints on the checkpoint volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckpointsStatus {

    /** The newest valid checkpoint. */
    @JsonPropertyDescription("The newest valid checkpoint.")
    private CheckpointRecord latest;

    /** The kept checkpoints, oldest first. */
    @JsonPropertyDescription("The kept checkpoints, oldest first.")
    private List<CheckpointRecord> history;

    public CheckpointRecord getLatest() {
        return latest;
    }

    public void setLatest(CheckpointRecord latest) {
        this.latest = latest;
    }

    public CheckpointsStatus withLatest(CheckpointRecord latest) {
        this.latest = latest;
        return this;
    }

    public List<CheckpointRecord> getHistory() {
        return history;
    }

    public void setHistory(List<CheckpointRecord> history) {
        this.history = history;
    }

    public CheckpointsStatus withHistory(List<CheckpointRecord> history) {
        this.history = history;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CheckpointsStatus that)) {
            return false;
        }
        return Objects.equals(latest, that.latest) && Objects.equals(history, that.history);
    }

    @Override
    public int hashCode() {
        return Objects.hash(latest, history);
    }

    @Override
    public String toString() {
        return "CheckpointsStatus{" + "latest=" + latest + ", " + "history=" + history + "}";
    }
}
