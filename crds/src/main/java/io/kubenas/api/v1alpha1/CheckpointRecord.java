package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One checkpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckpointRecord {

    /** Directory name of the checkpoint. */
    @JsonPropertyDescription("Directory name of the checkpoint.")
    private String name;

    /** Path on the checkpoint volume. */
    @JsonPropertyDescription("Path on the checkpoint volume.")
    private String path;

    /** Epochs completed when it was written. */
    @JsonPropertyDescription("Epochs completed when it was written.")
    private Integer epoch;

    /** Steps completed when it was written. */
    @JsonPropertyDescription("Steps completed when it was written.")
    private Long step;

    /** sha256 of its manifest (which lists a sha256 per file). */
    @JsonPropertyDescription("sha256 of its manifest (which lists a sha256 per file).")
    private String sha256;

    /** Validation accuracy of the derived child at that point, when measured. */
    @JsonPropertyDescription("Validation accuracy of the derived child at that point, when measured.")
    private Double validationAccuracy;

    /** When it was written (RFC 3339). */
    @JsonPropertyDescription("When it was written (RFC 3339).")
    private String time;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public CheckpointRecord withName(String name) {
        this.name = name;
        return this;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public CheckpointRecord withPath(String path) {
        this.path = path;
        return this;
    }

    public Integer getEpoch() {
        return epoch;
    }

    public void setEpoch(Integer epoch) {
        this.epoch = epoch;
    }

    public CheckpointRecord withEpoch(Integer epoch) {
        this.epoch = epoch;
        return this;
    }

    public Long getStep() {
        return step;
    }

    public void setStep(Long step) {
        this.step = step;
    }

    public CheckpointRecord withStep(Long step) {
        this.step = step;
        return this;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public CheckpointRecord withSha256(String sha256) {
        this.sha256 = sha256;
        return this;
    }

    public Double getValidationAccuracy() {
        return validationAccuracy;
    }

    public void setValidationAccuracy(Double validationAccuracy) {
        this.validationAccuracy = validationAccuracy;
    }

    public CheckpointRecord withValidationAccuracy(Double validationAccuracy) {
        this.validationAccuracy = validationAccuracy;
        return this;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public CheckpointRecord withTime(String time) {
        this.time = time;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CheckpointRecord that)) {
            return false;
        }
        return Objects.equals(name, that.name) && Objects.equals(path, that.path) && Objects.equals(epoch, that.epoch) && Objects.equals(step, that.step) && Objects.equals(sha256, that.sha256) && Objects.equals(validationAccuracy, that.validationAccuracy) && Objects.equals(time, that.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, path, epoch, step, sha256, validationAccuracy, time);
    }

    @Override
    public String toString() {
        return "CheckpointRecord{" + "name=" + name + ", " + "path=" + path + ", " + "epoch=" + epoch + ", " + "step=" + step + ", " + "sha256=" + sha256 + ", " + "validationAccuracy=" + validationAccuracy + ", " + "time=" + time + "}";
    }
}
