package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The derived child network, exported with its inherited weights. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class ChildStatus {

    @JsonPropertyDescription("Folder of the child on the checkpoint volume.")
    private String path;

    @JsonPropertyDescription("sha256 of the child's manifest.")
    private String sha256;

    @JsonPropertyDescription("The chosen candidate per layer.")
    private List<String> ops;

    @JsonPropertyDescription("Number of parameters.")
    private Long parameters;

    @JsonPropertyDescription("Validation accuracy.")
    private Double validationAccuracy;

    @JsonPropertyDescription("Accuracy on the test split (final evaluation only).")
    private Double testAccuracy;

    @JsonPropertyDescription("When it was exported (RFC 3339).")
    private String exportedAt;

    @JsonPropertyDescription("The immutable ConfigMaps the child is published in, in order: what serving pods load (they do not mount the"
            + " checkpoint volume).")
    private List<String> configMaps;
}
