package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Labels and annotations a search adds to its trainer and serving pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class PodMetadataSpec {

    // The operator selects its pods by these labels; a search may not change them.
    @ValidationRule(value = "self.all(k, !k.startsWith('kubenas.io/') && !k.startsWith('app.kubernetes.io/') && k != 'kueue.x-k8s.io/queue-name')",
            message = "labels under kubenas.io/ and app.kubernetes.io/, and kueue.x-k8s.io/queue-name, are set by the operator")
    @JsonPropertyDescription("Labels added to the trainer and serving pods, e.g. team or cost-center.")
    private Map<String, String> labels;

    @ValidationRule(value = "self.all(k, !k.startsWith('kubenas.io/'))", message = "annotations under kubenas.io/ are set by the operator")
    @JsonPropertyDescription("Annotations added to the trainer and serving pods, e.g. cluster-autoscaler.kubernetes.io/safe-to-evict: \"false\".")
    private Map<String, String> annotations;
}
