package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Images in class folders (train/<class>/*.png|jpg) on a PersistentVolumeClaim. */
// Numbers are spelt by indexing a list of literals: the API server cannot bound the length of string(int), so it
// refuses to concatenate one into a message.
@ValidationRule(value = "!has(self.mean) || size(self.mean) == (has(self.channels) ? self.channels : 3)", fieldPath = ".mean",
        messageExpression = "'needs one value per channel (' + ['0', '1', '2', '3'][has(self.channels) ? self.channels : 3] + '), got '"
        + " + ['0', '1', '2', '3'][size(self.mean)]")
@ValidationRule(value = "!has(self.std) || size(self.std) == (has(self.channels) ? self.channels : 3)", fieldPath = ".std",
        messageExpression = "'needs one value per channel (' + ['0', '1', '2', '3'][has(self.channels) ? self.channels : 3] + '), got '"
        + " + ['0', '1', '2', '3'][size(self.std)]")
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class ImageFolderDataset {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the PersistentVolumeClaim holding the images (mounted read-only).")
    private String claimName;

    @Required
    @Pattern("^[^\\s]+$")
    @JsonPropertyDescription("Path of the training folder inside the volume; one sub-folder per class.")
    private String trainPath;

    @Pattern("^[^\\s]+$")
    @JsonPropertyDescription("Path of the validation folder; when empty, validationFraction of the training images is held out.")
    private String validationPath;

    @Pattern("^[^\\s]+$")
    @JsonPropertyDescription("Path of the test folder used for the final evaluation; when empty the validation split is reported instead.")
    private String testPath;

    @Default("32")
    @Min(8)
    @Max(1024)
    @JsonPropertyDescription("Images are resized (shorter side) and centre-cropped to imageSize x imageSize pixels.")
    private Integer imageSize;

    @Default("3")
    @Min(1)
    @Max(3)
    @ValidationRule(value = "self == 1 || self == 3", message = "must be 1 (grey) or 3 (colour)")
    @JsonPropertyDescription("1 for grey images, 3 for colour.")
    private Integer channels;

    @Size(max = 3)
    @JsonPropertyDescription("Per-channel mean subtracted after scaling pixels to [0, 1]; one value per channel.")
    private List<Double> mean;

    @Size(max = 3)
    @ValidationRule(value = "self.all(v, v > 0.0)", message = "values must be > 0")
    @JsonPropertyDescription("Per-channel standard deviation the pixels are divided by; one value per channel, each > 0.")
    private List<Double> std;
}
