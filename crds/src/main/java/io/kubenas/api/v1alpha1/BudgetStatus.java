package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Compute spent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class BudgetStatus {

    @JsonPropertyDescription("Device-seconds used over every attempt (pod running time x devices).")
    private Double deviceSecondsUsed;

    @JsonPropertyDescription("The budget in device-seconds (spec.budget.deviceHours x 3600).")
    private Double deviceSecondsLimit;

    @JsonPropertyDescription("Wall-clock seconds of trainer pods over every attempt.")
    private Double wallSeconds;

    @PrinterColumn(name = "Budget-Used")
    @JsonPropertyDescription("Share of the budget used, e.g. 42%.")
    private String used;
}
