package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The inference service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class ServingStatus {

    @JsonPropertyDescription("Name of the serving Deployment.")
    private String deployment;

    @JsonPropertyDescription("Name of the serving Service.")
    private String service;

    @JsonPropertyDescription("In-cluster URL of the inference API.")
    private String url;

    @JsonProperty("reportURL")
    @JsonPropertyDescription("In-cluster URL of the search report (HTML: the architecture distribution over epochs, accuracy against"
            + " device-hours, the child's diagram and confusion matrix, TE-NAS rounds, checkpoints), served by the serving pods.")
    private String reportURL;

    @JsonPropertyDescription("Ready serving replicas.")
    private Integer readyReplicas;
}
