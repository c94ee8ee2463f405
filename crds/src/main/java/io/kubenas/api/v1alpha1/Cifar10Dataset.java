package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** CIFAR-10 in its binary format (data_batch_1..5.bin, test_batch.bin). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class Cifar10Dataset {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the PersistentVolumeClaim holding the batches (mounted read-only).")
    private String claimName;

    @Default("cifar-10-batches-bin")
    @Pattern("^[^\\s]+$")
    @JsonPropertyDescription("Folder of the binary batches inside the volume.")
    private String path;
}
