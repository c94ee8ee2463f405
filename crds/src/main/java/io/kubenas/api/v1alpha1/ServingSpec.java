package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The inference service for the child network (KServe Open Inference Protocol v2). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class ServingSpec {

    @Default("true")
    @JsonPropertyDescription("Promote the child to a serving Deployment and Service; when false the search ends Succeeded.")
    private Boolean enabled;

    @Default("1")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Serving replicas.")
    private Integer replicas;

    @Pattern("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$")
    @JsonPropertyDescription("CPU request and limit of each serving pod.")
    private String cpu;

    @Pattern("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$")
    @JsonPropertyDescription("Memory request and limit of each serving pod.")
    private String memory;

    @JsonPropertyDescription("Node labels each serving pod must match (serving usually runs on CPU nodes, not the trainer's).")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of the serving pods.")
    private List<Toleration> tolerations;

    @Default("64")
    @Min(1)
    @Max(4096)
    @JsonPropertyDescription("Largest batch one inference request may carry.")
    private Integer maxBatchSize;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Model name in the inference API; the NasSearch name when empty.")
    private String modelName;
}
