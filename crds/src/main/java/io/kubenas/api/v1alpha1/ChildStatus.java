package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** The derived child network, exported with its inherited weights. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChildStatus {

    /** Folder of the child on the checkpoint volume. */
    @JsonPropertyDescription("Folder of the child on the checkpoint volume.")
    private String path;

    /** sha256 of the child's manifest. */
    @JsonPropertyDescription("sha256 of the child's manifest.")
    private String sha256;

    /** The chosen candidate per layer. */
    @JsonPropertyDescription("The chosen candidate per layer.")
    private List<String> ops;

    /** Number of parameters. */
    @JsonPropertyDescription("Number of parameters.")
    private Long parameters;

    /** Validation accuracy. */
    @JsonPropertyDescription("Validation accuracy.")
    private Double validationAccuracy;

    /** Accuracy on the test split (final evaluation only). */
    @JsonPropertyDescription("Accuracy on the test split (final evaluation only).")
    private Double testAccuracy;

    /** When it was exported (RFC 3339). */
    @JsonPropertyDescription("When it was exported (RFC 3339).")
    private String exportedAt;

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public ChildStatus withPath(String path) {
        this.path = path;
        return this;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public ChildStatus withSha256(String sha256) {
        this.sha256 = sha256;
        return this;
    }

    public List<String> getOps() {
        return ops;
    }

    public void setOps(List<String> ops) {
        this.ops = ops;
    }

    public ChildStatus withOps(List<String> ops) {
        this.ops = ops;
        return this;
    }

    public Long getParameters() {
        return parameters;
    }

    public void setParameters(Long parameters) {
        this.parameters = parameters;
    }

    public ChildStatus withParameters(Long parameters) {
        this.parameters = parameters;
        return this;
    }

    public Double getValidationAccuracy() {
        return validationAccuracy;
    }

    public void setValidationAccuracy(Double validationAccuracy) {
        this.validationAccuracy = validationAccuracy;
    }

    public ChildStatus withValidationAccuracy(Double validationAccuracy) {
        this.validationAccuracy = validationAccuracy;
        return this;
    }

    public Double getTestAccuracy() {
        return testAccuracy;
    }

    public void setTestAccuracy(Double testAccuracy) {
        this.testAccuracy = testAccuracy;
    }

    public ChildStatus withTestAccuracy(Double testAccuracy) {
        this.testAccuracy = testAccuracy;
        return this;
    }

    public String getExportedAt() {
        return exportedAt;
    }

    public void setExportedAt(String exportedAt) {
        this.exportedAt = exportedAt;
    }

    public ChildStatus withExportedAt(String exportedAt) {
        this.exportedAt = exportedAt;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ChildStatus that)) {
            return false;
        }
        return Objects.equals(path, that.path) && Objects.equals(sha256, that.sha256) && Objects.equals(ops, that.ops) && Objects.equals(parameters, that.parameters) && Objects.equals(validationAccuracy, that.validationAccuracy) && Objects.equals(testAccuracy, that.testAccuracy) && Objects.equals(exportedAt, that.exportedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, sha256, ops, parameters, validationAccuracy, testAccuracy, exportedAt);
    }

    @Override
    public String toString() {
        return "ChildStatus{" + "path=" + path + ", " + "sha256=" + sha256 + ", " + "ops=" + ops + ", " + "parameters=" + parameters + ", " + "validationAccuracy=" + validationAccuracy + ", " + "testAccuracy=" + testAccuracy + ", " + "exportedAt=" + exportedAt + "}";
    }
}
