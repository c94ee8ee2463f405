package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The checkpoint volume claim. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class CheckpointStorageSpec {

    @Default("5Gi")
    @Pattern("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$")
    @JsonPropertyDescription("Requested size, e.g. 5Gi.")
    private String size;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("StorageClass of the claim; the cluster default when empty.")
    private String storageClassName;

    @Default("ReadWriteOnce")
    @JsonPropertyDescription("ReadWriteOnce (default), ReadWriteMany or ReadWriteOncePod.")
    private VolumeAccessMode accessMode;
}
