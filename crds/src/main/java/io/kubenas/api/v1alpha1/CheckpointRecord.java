package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One checkpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class CheckpointRecord {

    @JsonPropertyDescription("Directory name of the checkpoint.")
    private String name;

    @JsonPropertyDescription("Path on the checkpoint volume.")
    private String path;

    @JsonPropertyDescription("Epochs completed when it was written.")
    private Integer epoch;

    @JsonPropertyDescription("Steps completed when it was written.")
    private Long step;

    @JsonPropertyDescription("sha256 of its manifest (which lists a sha256 per file).")
    private String sha256;

    @JsonPropertyDescription("Validation accuracy of the derived child at that point, when measured.")
    private Double validationAccuracy;

    @JsonPropertyDescription("When it was written (RFC 3339).")
    private String time;

    public CheckpointRecord withName(String name) {
        this.name = name;
        return this;
    }

    public CheckpointRecord withPath(String path) {
        this.path = path;
        return this;
    }

    public CheckpointRecord withEpoch(Integer epoch) {
        this.epoch = epoch;
        return this;
    }

    public CheckpointRecord withStep(Long step) {
        this.step = step;
        return this;
    }

    public CheckpointRecord withSha256(String sha256) {
        this.sha256 = sha256;
        return this;
    }

    public CheckpointRecord withValidationAccuracy(Double validationAccuracy) {
        this.validationAccuracy = validationAccuracy;
        return this;
    }

    public CheckpointRecord withTime(String time) {
        this.time = time;
        return this;
    }
}
