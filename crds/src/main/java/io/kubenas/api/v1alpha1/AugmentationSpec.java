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

/** Training-time augmentation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class AugmentationSpec {

    @Default("0")
    @Min(0)
    @Max(64)
    @JsonPropertyDescription("Pad each training image by this many pixels and crop a random window of the original size (0 disables).")
    private Integer randomCropPadding;

    @Default("false")
    @JsonPropertyDescription("Flip training images horizontally with probability 0.5.")
    private Boolean horizontalFlip;

    @Default("0")
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Probability of erasing a random rectangle of each training image (2-40% of its area, aspect ratio 0.3-3.3) to the dataset mean: random erasing, Zhong et al. 2017 (0 disables).")
    private Double randomErasing;
}
