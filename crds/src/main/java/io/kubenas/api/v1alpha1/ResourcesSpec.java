package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Compute and scheduling of the trainer pod. Changes apply from the next attempt (a Job's pod is immutable). */
@ValidationRule(value = "!has(self.gpuResourceName) || (has(self.gpus) && self.gpus > 0)", fieldPath = ".gpus",
        message = "must be > 0 when spec.resources.gpuResourceName is set; remove gpuResourceName to train on CPU")
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class ResourcesSpec {

    @Default("0")
    @Min(0)
    @Max(64)
    @JsonPropertyDescription("GPUs for the trainer pod (0 trains on CPU); several GPUs run data-parallel, each sampling its own path.")
    private Integer gpus;

    @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$")
    @JsonPropertyDescription("Extended resource name of the GPUs (the operator's default, usually nvidia.com/gpu, when empty). Setting it needs gpus > 0.")
    private String gpuResourceName;

    @Pattern("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$")
    @JsonPropertyDescription("CPU request and limit of the trainer, e.g. 2 or 1500m.")
    private String cpu;

    @Pattern("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$")
    @JsonPropertyDescription("Memory request and limit of the trainer, e.g. 4Gi.")
    private String memory;

    @JsonPropertyDescription("Node labels the trainer pod must match.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of the trainer pod (e.g. for tainted GPU nodes).")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Affinity of the trainer pod (node affinity to GPU models or zones, anti-affinity to other searches).")
    private Affinity affinity;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("PriorityClass of the trainer pod.")
    private String priorityClassName;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 63)
    @JsonPropertyDescription("Kueue LocalQueue to submit the trainer Job to (sets the label kueue.x-k8s.io/queue-name).")
    private String queueName;
}
