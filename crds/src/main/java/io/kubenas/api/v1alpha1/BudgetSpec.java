package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** Compute budget, counted over every attempt of the search. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BudgetSpec {

    /**
     * Device-hours the search may use: GPU-hours (GPUs x hours), or pod-hours for a CPU-only
     * trainer. Must be > 0.
     */
    @Required
    @Min(value = 0.0, inclusive = false)
    @JsonPropertyDescription("Device-hours the search may use: GPU-hours (GPUs x hours), or pod-hours for a CPU-only trainer. Must be > 0.")
    private Double deviceHours;

    /** Optional wall-clock limit over all attempts, e.g. 90m or 2h30m. */
    @Pattern("^([0-9]+(\\.[0-9]+)?(h|m|s))+$")
    @JsonPropertyDescription("Optional wall-clock limit over all attempts, e.g. 90m or 2h30m.")
    private String maxDuration;

    public Double getDeviceHours() {
        return deviceHours;
    }

    public void setDeviceHours(Double deviceHours) {
        this.deviceHours = deviceHours;
    }

    public BudgetSpec withDeviceHours(Double deviceHours) {
        this.deviceHours = deviceHours;
        return this;
    }

    public String getMaxDuration() {
        return maxDuration;
    }

    public void setMaxDuration(String maxDuration) {
        this.maxDuration = maxDuration;
    }

    public BudgetSpec withMaxDuration(String maxDuration) {
        this.maxDuration = maxDuration;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BudgetSpec that)) {
            return false;
        }
        return Objects.equals(deviceHours, that.deviceHours) && Objects.equals(maxDuration, that.maxDuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceHours, maxDuration);
    }

    @Override
    public String toString() {
        return "BudgetSpec{" + "deviceHours=" + deviceHours + ", " + "maxDuration=" + maxDuration + "}";
    }
}
