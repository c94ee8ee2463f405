package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** When the search has done enough. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetSpec {

    /**
     * Validation accuracy of the derived child in (0, 1] at which the search stops and the child is
     * exported.
     */
    @Required
    @Min(value = 0.0, inclusive = false)
    @Max(1.0)
    @JsonPropertyDescription("Validation accuracy of the derived child in (0, 1] at which the search stops and the child is exported.")
    private Double accuracy;

    public Double getAccuracy() {
        return accuracy;
    }

    public void setAccuracy(Double accuracy) {
        this.accuracy = accuracy;
    }

    public TargetSpec withAccuracy(Double accuracy) {
        this.accuracy = accuracy;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TargetSpec that)) {
            return false;
        }
        return Objects.equals(accuracy, that.accuracy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accuracy);
    }

    @Override
    public String toString() {
        return "TargetSpec{" + "accuracy=" + accuracy + "}";
    }
}
