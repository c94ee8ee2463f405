package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The checkpoint volume claim. */
// A bound claim's class and access mode cannot change: rejected here rather than ignored. Its size may grow (the
// operator expands the claim); a smaller size is reported in the SpecApplied condition (CEL cannot compare quantities).
@ValidationRule(value = "has(self.storageClassName) == has(oldSelf.storageClassName)"
        + " && (!has(self.storageClassName) || self.storageClassName == oldSelf.storageClassName)",
        fieldPath = ".storageClassName",
        message = "spec.checkpoint.storage.storageClassName is immutable: the volume exists; create a new NasSearch for another class")
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class CheckpointStorageSpec {

    @Default("5Gi")
    @Pattern("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$")
    @JsonPropertyDescription("Requested size, e.g. 5Gi. May grow while the search exists (the claim is expanded; its StorageClass must allow"
            + " volume expansion); it cannot shrink.")
    private String size;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("StorageClass of the claim; the cluster default when empty.")
    private String storageClassName;

    @Default("ReadWriteOnce")
    @ValidationRule(value = "self == oldSelf", message = "spec.checkpoint.storage.accessMode is immutable: the volume exists")
    @JsonPropertyDescription("ReadWriteOnce (default), ReadWriteMany or ReadWriteOncePod. Immutable.")
    private VolumeAccessMode accessMode;
}
