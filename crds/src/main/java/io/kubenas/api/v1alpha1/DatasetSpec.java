package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** Where the images come from. Exactly one source must be set. */
@ValidationRule(value = "(has(self.builtin) ? 1 : 0) + (has(self.imageFolder) ? 1 : 0) + (has(self.cifar10) ? 1 : 0) == 1", message = "spec.dataset must set exactly one of builtin, imageFolder, cifar10")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetSpec {

    /** A dataset shipped in the trainer image: fashion-mnist. */
    @JsonPropertyDescription("A dataset shipped in the trainer image: fashion-mnist.")
    private BuiltinDataset builtin;

    /** Images on a PersistentVolumeClaim, one folder per class. */
    @JsonPropertyDescription("Images on a PersistentVolumeClaim, one folder per class.")
    private ImageFolderDataset imageFolder;

    /** CIFAR-10 binary batches on a PersistentVolumeClaim. */
    @JsonPropertyDescription("CIFAR-10 binary batches on a PersistentVolumeClaim.")
    private Cifar10Dataset cifar10;

    /**
     * Fraction of the training images held out as the validation split, which decides the
     * architecture and the target; the test split is used only for the final evaluation. Ignored
     * when imageFolder.validationPath is set.
     */
    @Default("0.1")
    @Min(value = 0.0, inclusive = false)
    @Max(0.5)
    @JsonPropertyDescription("Fraction of the training images held out as the validation split, which decides the architecture and the target; the test split is used only for the final evaluation. Ignored when imageFolder.validationPath is set.")
    private Double validationFraction;

    /** Data augmentation applied to training images only. */
    @Default("{}")
    @JsonPropertyDescription("Data augmentation applied to training images only.")
    private AugmentationSpec augmentation;

    public BuiltinDataset getBuiltin() {
        return builtin;
    }

    public void setBuiltin(BuiltinDataset builtin) {
        this.builtin = builtin;
    }

    public DatasetSpec withBuiltin(BuiltinDataset builtin) {
        this.builtin = builtin;
        return this;
    }

    public ImageFolderDataset getImageFolder() {
        return imageFolder;
    }

    public void setImageFolder(ImageFolderDataset imageFolder) {
        this.imageFolder = imageFolder;
    }

    public DatasetSpec withImageFolder(ImageFolderDataset imageFolder) {
        this.imageFolder = imageFolder;
        return this;
    }

    public Cifar10Dataset getCifar10() {
        return cifar10;
    }

    public void setCifar10(Cifar10Dataset cifar10) {
        this.cifar10 = cifar10;
    }

    public DatasetSpec withCifar10(Cifar10Dataset cifar10) {
        this.cifar10 = cifar10;
        return this;
    }

    public Double getValidationFraction() {
        return validationFraction;
    }

    public void setValidationFraction(Double validationFraction) {
        this.validationFraction = validationFraction;
    }

    public DatasetSpec withValidationFraction(Double validationFraction) {
        this.validationFraction = validationFraction;
        return this;
    }

    public AugmentationSpec getAugmentation() {
        return augmentation;
    }

    public void setAugmentation(AugmentationSpec augmentation) {
        this.augmentation = augmentation;
    }

    public DatasetSpec withAugmentation(AugmentationSpec augmentation) {
        this.augmentation = augmentation;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DatasetSpec that)) {
            return false;
        }
        return Objects.equals(builtin, that.builtin) && Objects.equals(imageFolder, that.imageFolder) && Objects.equals(cifar10, that.cifar10) && Objects.equals(validationFraction, that.validationFraction) && Objects.equals(augmentation, that.augmentation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(builtin, imageFolder, cifar10, validationFraction, augmentation);
    }

    @Override
    public String toString() {
        return "DatasetSpec{" + "builtin=" + builtin + ", " + "imageFolder=" + imageFolder + ", " + "cifar10=" + cifar10 + ", " + "validationFraction=" + validationFraction + ", " + "augmentation=" + augmentation + "}";
    }
}
