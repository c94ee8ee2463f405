package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Where the images come from. Exactly one source must be set. */
@ValidationRule(value = "(has(self.builtin) ? 1 : 0) + (has(self.imageFolder) ? 1 : 0) + (has(self.cifar10) ? 1 : 0) == 1", message = "spec.dataset must set exactly one of builtin, imageFolder, cifar10")
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class DatasetSpec {

    @JsonPropertyDescription("A dataset shipped in the trainer image: fashion-mnist.")
    private BuiltinDataset builtin;

    @JsonPropertyDescription("Images on a PersistentVolumeClaim, one folder per class.")
    private ImageFolderDataset imageFolder;

    @JsonPropertyDescription("CIFAR-10 binary batches on a PersistentVolumeClaim.")
    private Cifar10Dataset cifar10;

    @Default("0.1")
    @Min(value = 0.0, inclusive = false)
    @Max(0.5)
    @JsonPropertyDescription("Fraction of the training images held out as the validation split, which decides the architecture and the target; the test split is used only for the final evaluation. Ignored when imageFolder.validationPath is set.")
    private Double validationFraction;

    @Default("{}")
    @JsonPropertyDescription("Data augmentation applied to training images only.")
    private AugmentationSpec augmentation;
}
