package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Checkpoints on the checkpoint volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class CheckpointsStatus {

    @JsonPropertyDescription("The newest valid checkpoint.")
    private CheckpointRecord latest;

    @JsonPropertyDescription("The kept checkpoints, oldest first.")
    private List<CheckpointRecord> history;
}
