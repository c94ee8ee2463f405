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
import java.util.Objects;

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
public class ImageFolderDataset {

    /** Name of the PersistentVolumeClaim holding the images (mounted read-only). */
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the PersistentVolumeClaim holding the images (mounted read-only).")
    private String claimName;

    /** Path of the training folder inside the volume; one sub-folder per class. */
    @Required
    @Pattern("^[^\\s]+$")
    @JsonPropertyDescription("Path of the training folder inside the volume; one sub-folder per class.")
    private String trainPath;

    /**
     * Path of the validation folder; when empty, validationFraction of the training images is held
     * out.
     */
    @Pattern("^[^\\s]+$")
    @JsonPropertyDescription("Path of the validation folder; when empty, validationFraction of the training images is held out.")
    private String validationPath;

    /**
     * Path of the test folder used for the final evaluation; when empty the validation split is
     * reported instead.
     */
    @Pattern("^[^\\s]+$")
    @JsonPropertyDescription("Path of the test folder used for the final evaluation; when empty the validation split is reported instead.")
    private String testPath;

    /** Images are resized (shorter side) and centre-cropped to imageSize x imageSize pixels. */
    @Default("32")
    @Min(8)
    @Max(1024)
    @JsonPropertyDescription("Images are resized (shorter side) and centre-cropped to imageSize x imageSize pixels.")
    private Integer imageSize;

    /** 1 for grey images, 3 for colour. */
    @Default("3")
    @Min(1)
    @Max(3)
    @ValidationRule(value = "self == 1 || self == 3", message = "must be 1 (grey) or 3 (colour)")
    @JsonPropertyDescription("1 for grey images, 3 for colour.")
    private Integer channels;

    /** Per-channel mean subtracted after scaling pixels to [0, 1]; one value per channel. */
    @Size(max = 3)
    @JsonPropertyDescription("Per-channel mean subtracted after scaling pixels to [0, 1]; one value per channel.")
    private List<Double> mean;

    /** Per-channel standard deviation the pixels are divided by; one value per channel, each > 0. */
    @Size(max = 3)
    @ValidationRule(value = "self.all(v, v > 0.0)", message = "values must be > 0")
    @JsonPropertyDescription("Per-channel standard deviation the pixels are divided by; one value per channel, each > 0.")
    private List<Double> std;

    public String getClaimName() {
        return claimName;
    }

    public void setClaimName(String claimName) {
        this.claimName = claimName;
    }

    public ImageFolderDataset withClaimName(String claimName) {
        this.claimName = claimName;
        return this;
    }

    public String getTrainPath() {
        return trainPath;
    }

    public void setTrainPath(String trainPath) {
        this.trainPath = trainPath;
    }

    public ImageFolderDataset withTrainPath(String trainPath) {
        this.trainPath = trainPath;
        return this;
    }

    public String getValidationPath() {
        return validationPath;
    }

    public void setValidationPath(String validationPath) {
        this.validationPath = validationPath;
    }

    public ImageFolderDataset withValidationPath(String validationPath) {
        this.validationPath = validationPath;
        return this;
    }

    public String getTestPath() {
        return testPath;
    }

    public void setTestPath(String testPath) {
        this.testPath = testPath;
    }

    public ImageFolderDataset withTestPath(String testPath) {
        this.testPath = testPath;
        return this;
    }

    public Integer getImageSize() {
        return imageSize;
    }

    public void setImageSize(Integer imageSize) {
        this.imageSize = imageSize;
    }

    public ImageFolderDataset withImageSize(Integer imageSize) {
        this.imageSize = imageSize;
        return this;
    }

    public Integer getChannels() {
        return channels;
    }

    public void setChannels(Integer channels) {
        this.channels = channels;
    }

    public ImageFolderDataset withChannels(Integer channels) {
        this.channels = channels;
        return this;
    }

    public List<Double> getMean() {
        return mean;
    }

    public void setMean(List<Double> mean) {
        this.mean = mean;
    }

    public ImageFolderDataset withMean(List<Double> mean) {
        this.mean = mean;
        return this;
    }

    public List<Double> getStd() {
        return std;
    }

    public void setStd(List<Double> std) {
        this.std = std;
    }

    public ImageFolderDataset withStd(List<Double> std) {
        this.std = std;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ImageFolderDataset that)) {
            return false;
        }
        return Objects.equals(claimName, that.claimName) && Objects.equals(trainPath, that.trainPath) && Objects.equals(validationPath, that.validationPath) && Objects.equals(testPath, that.testPath) && Objects.equals(imageSize, that.imageSize) && Objects.equals(channels, that.channels) && Objects.equals(mean, that.mean) && Objects.equals(std, that.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(claimName, trainPath, validationPath, testPath, imageSize, channels, mean, std);
    }

    @Override
    public String toString() {
        return "ImageFolderDataset{" + "claimName=" + claimName + ", " + "trainPath=" + trainPath + ", " + "validationPath=" + validationPath + ", " + "testPath=" + testPath + ", " + "imageSize=" + imageSize + ", " + "channels=" + channels + ", " + "mean=" + mean + ", " + "std=" + std + "}";
    }
}
