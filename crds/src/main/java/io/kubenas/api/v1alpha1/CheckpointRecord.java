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
}
