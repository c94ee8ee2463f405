package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/** Training-time augmentation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AugmentationSpec {

    /**
     * Pad each training image by this many pixels and crop a random window of the original size (0
     * disables).
     */
    @Default("0")
    @Min(0)
    @Max(64)
    @JsonPropertyDescription("Pad each training image by this many pixels and crop a random window of the original size (0 disables).")
    private Integer randomCropPadding;

    /** Flip training images horizontally with probability 0.5. */
    @Default("false")
    @JsonPropertyDescription("Flip training images horizontally with probability 0.5.")
    private Boolean horizontalFlip;

    public Integer getRandomCropPadding() {
        return randomCropPadding;
    }

    public void setRandomCropPadding(Integer randomCropPadding) {
        this.randomCropPadding = randomCropPadding;
    }

    public AugmentationSpec withRandomCropPadding(Integer randomCropPadding) {
        this.randomCropPadding = randomCropPadding;
        return this;
    }

    public Boolean getHorizontalFlip() {
        return horizontalFlip;
    }

    public void setHorizontalFlip(Boolean horizontalFlip) {
        this.horizontalFlip = horizontalFlip;
    }

    public AugmentationSpec withHorizontalFlip(Boolean horizontalFlip) {
        this.horizontalFlip = horizontalFlip;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AugmentationSpec that)) {
            return false;
        }
        return Objects.equals(randomCropPadding, that.randomCropPadding) && Objects.equals(horizontalFlip, that.horizontalFlip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(randomCropPadding, horizontalFlip);
    }

    @Override
    public String toString() {
        return "AugmentationSpec{" + "randomCropPadding=" + randomCropPadding + ", " + "horizontalFlip=" + horizontalFlip + "}";
    }
}
