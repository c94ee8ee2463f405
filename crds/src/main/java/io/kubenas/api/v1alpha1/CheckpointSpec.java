package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Checkpointing of the search state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class CheckpointSpec {

    @Default("1")
    @Min(1)
    @JsonPropertyDescription("Write a checkpoint every this many epochs.")
    private Integer intervalEpochs;

    @Default("10")
    @Min(1)
    @JsonPropertyDescription("Also write a checkpoint when this many minutes passed since the last one.")
    private Integer intervalMinutes;

    @Default("3")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("How many of the newest checkpoints are kept.")
    private Integer keep;

    @Default("{}")
    @JsonPropertyDescription("The PersistentVolumeClaim that holds checkpoints and the exported child.")
    private CheckpointStorageSpec storage;

    @Default("false")
    @JsonPropertyDescription("Keep the checkpoint volume when the NasSearch is deleted.")
    private Boolean retainOnDelete;
}
