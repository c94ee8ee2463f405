package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compute and scheduling of the trainer pod. */
@ValidationRule(value = "!has(self.gpuResourceName) || (has(self.gpus) && self.gpus > 0)", fieldPath = ".gpus",
        message = "must be > 0 when spec.resources.gpuResourceName is set; remove gpuResourceName to train on CPU")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourcesSpec {

    /**
     * GPUs for the trainer pod (0 trains on CPU); several GPUs run data-parallel, each sampling its
     * own path.
     */
    @Default("0")
    @Min(0)
    @Max(64)
    @JsonPropertyDescription("GPUs for the trainer pod (0 trains on CPU); several GPUs run data-parallel, each sampling its own path.")
    private Integer gpus;

    /**
     * Extended resource name of the GPUs (the operator's default, usually nvidia.com/gpu, when
     * empty). Setting it needs gpus > 0.
     */
    @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$")
    @JsonPropertyDescription("Extended resource name of the GPUs (the operator's default, usually nvidia.com/gpu, when empty). Setting it needs gpus > 0.")
    private String gpuResourceName;

    /** CPU request and limit of the trainer, e.g. 2 or 1500m. */
    @Pattern("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$")
    @JsonPropertyDescription("CPU request and limit of the trainer, e.g. 2 or 1500m.")
    private String cpu;

    /** Memory request and limit of the trainer, e.g. 4Gi. */
    @Pattern("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$")
    @JsonPropertyDescription("Memory request and limit of the trainer, e.g. 4Gi.")
    private String memory;

    /** Node labels the trainer pod must match. */
    @JsonPropertyDescription("Node labels the trainer pod must match.")
    private Map<String, String> nodeSelector;

    /** Tolerations of the trainer pod (e.g. for tainted GPU nodes). */
    @JsonPropertyDescription("Tolerations of the trainer pod (e.g. for tainted GPU nodes).")
    private List<Toleration> tolerations;

    /** PriorityClass of the trainer pod. */
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("PriorityClass of the trainer pod.")
    private String priorityClassName;

    /** Kueue LocalQueue to submit the trainer Job to (sets the label kueue.x-k8s.io/queue-name). */
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 63)
    @JsonPropertyDescription("Kueue LocalQueue to submit the trainer Job to (sets the label kueue.x-k8s.io/queue-name).")
    private String queueName;

    public Integer getGpus() {
        return gpus;
    }

    public void setGpus(Integer gpus) {
        this.gpus = gpus;
    }

    public ResourcesSpec withGpus(Integer gpus) {
        this.gpus = gpus;
        return this;
    }

    public String getGpuResourceName() {
        return gpuResourceName;
    }

    public void setGpuResourceName(String gpuResourceName) {
        this.gpuResourceName = gpuResourceName;
    }

    public ResourcesSpec withGpuResourceName(String gpuResourceName) {
        this.gpuResourceName = gpuResourceName;
        return this;
    }

    public String getCpu() {
        return cpu;
    }

    public void setCpu(String cpu) {
        this.cpu = cpu;
    }

    public ResourcesSpec withCpu(String cpu) {
        this.cpu = cpu;
        return this;
    }

    public String getMemory() {
        return memory;
    }

    public void setMemory(String memory) {
        this.memory = memory;
    }

    public ResourcesSpec withMemory(String memory) {
        this.memory = memory;
        return this;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public ResourcesSpec withNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
        return this;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public ResourcesSpec withTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
        return this;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public ResourcesSpec withPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
        return this;
    }

    public String getQueueName() {
        return queueName;
    }

    public void setQueueName(String queueName) {
        this.queueName = queueName;
    }

    public ResourcesSpec withQueueName(String queueName) {
        this.queueName = queueName;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ResourcesSpec that)) {
            return false;
        }
        return Objects.equals(gpus, that.gpus) && Objects.equals(gpuResourceName, that.gpuResourceName) && Objects.equals(cpu, that.cpu) && Objects.equals(memory, that.memory) && Objects.equals(nodeSelector, that.nodeSelector) && Objects.equals(tolerations, that.tolerations) && Objects.equals(priorityClassName, that.priorityClassName) && Objects.equals(queueName, that.queueName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(gpus, gpuResourceName, cpu, memory, nodeSelector, tolerations, priorityClassName, queueName);
    }

    @Override
    public String toString() {
        return "ResourcesSpec{" + "gpus=" + gpus + ", " + "gpuResourceName=" + gpuResourceName + ", " + "cpu=" + cpu + ", " + "memory=" + memory + ", " + "nodeSelector=" + nodeSelector + ", " + "tolerations=" + tolerations + ", " + "priorityClassName=" + priorityClassName + ", " + "queueName=" + queueName + "}";
    }
}
