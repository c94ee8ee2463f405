package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import java.util.Objects;

/** Compute spent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BudgetStatus {

    /** Device-seconds used over every attempt (pod running time x devices). */
    @JsonPropertyDescription("Device-seconds used over every attempt (pod running time x devices).")
    private Double deviceSecondsUsed;

    /** The budget in device-seconds (spec.budget.deviceHours x 3600). */
    @JsonPropertyDescription("The budget in device-seconds (spec.budget.deviceHours x 3600).")
    private Double deviceSecondsLimit;

    /** Wall-clock seconds of trainer pods over every attempt. */
    @JsonPropertyDescription("Wall-clock seconds of trainer pods over every attempt.")
    private Double wallSeconds;

    /** Share of the budget used, e.g. 42%. */
    @PrinterColumn(name = "Budget-Used")
    @JsonPropertyDescription("Share of the budget used, e.g. 42%.")
    private String used;

    public Double getDeviceSecondsUsed() {
        return deviceSecondsUsed;
    }

    public void setDeviceSecondsUsed(Double deviceSecondsUsed) {
        this.deviceSecondsUsed = deviceSecondsUsed;
    }

    public BudgetStatus withDeviceSecondsUsed(Double deviceSecondsUsed) {
        this.deviceSecondsUsed = deviceSecondsUsed;
        return this;
    }

    public Double getDeviceSecondsLimit() {
        return deviceSecondsLimit;
    }

    public void setDeviceSecondsLimit(Double deviceSecondsLimit) {
        this.deviceSecondsLimit = deviceSecondsLimit;
    }

    public BudgetStatus withDeviceSecondsLimit(Double deviceSecondsLimit) {
        this.deviceSecondsLimit = deviceSecondsLimit;
        return this;
    }

    public Double getWallSeconds() {
        return wallSeconds;
    }

    public void setWallSeconds(Double wallSeconds) {
        this.wallSeconds = wallSeconds;
    }

    public BudgetStatus withWallSeconds(Double wallSeconds) {
        this.wallSeconds = wallSeconds;
        return this;
    }

    public String getUsed() {
        return used;
    }

    public void setUsed(String used) {
        this.used = used;
    }

    public BudgetStatus withUsed(String used) {
        this.used = used;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BudgetStatus that)) {
            return false;
        }
        return Objects.equals(deviceSecondsUsed, that.deviceSecondsUsed) && Objects.equals(deviceSecondsLimit, that.deviceSecondsLimit) && Objects.equals(wallSeconds, that.wallSeconds) && Objects.equals(used, that.used);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceSecondsUsed, deviceSecondsLimit, wallSeconds, used);
    }

    @Override
    public String toString() {
        return "BudgetStatus{" + "deviceSecondsUsed=" + deviceSecondsUsed + ", " + "deviceSecondsLimit=" + deviceSecondsLimit + ", " + "wallSeconds=" + wallSeconds + ", " + "used=" + used + "}";
    }
}
