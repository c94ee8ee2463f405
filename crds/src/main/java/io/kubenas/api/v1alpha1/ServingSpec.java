package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.Objects;

/** The inference service for the child network (KServe Open Inference Protocol v2). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServingSpec {

    /** Promote the child to a serving Deployment and Service; when false the search ends Succeeded. */
    @Default("true")
    @JsonPropertyDescription("Promote the child to a serving Deployment and Service; when false the search ends Succeeded.")
    private Boolean enabled;

    /** Serving replicas. */
    @Default("1")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Serving replicas.")
    private Integer replicas;

    /** CPU request and limit of each serving pod. */
    @Pattern("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$")
    @JsonPropertyDescription("CPU request and limit of each serving pod.")
    private String cpu;

    /** Memory request and limit of each serving pod. */
    @Pattern("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$")
    @JsonPropertyDescription("Memory request and limit of each serving pod.")
    private String memory;

    /** Largest batch one inference request may carry. */
    @Default("64")
    @Min(1)
    @Max(4096)
    @JsonPropertyDescription("Largest batch one inference request may carry.")
    private Integer maxBatchSize;

    /** Model name in the inference API; the NasSearch name when empty. */
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Model name in the inference API; the NasSearch name when empty.")
    private String modelName;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public ServingSpec withEnabled(Boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public ServingSpec withReplicas(Integer replicas) {
        this.replicas = replicas;
        return this;
    }

    public String getCpu() {
        return cpu;
    }

    public void setCpu(String cpu) {
        this.cpu = cpu;
    }

    public ServingSpec withCpu(String cpu) {
        this.cpu = cpu;
        return this;
    }

    public String getMemory() {
        return memory;
    }

    public void setMemory(String memory) {
        this.memory = memory;
    }

    public ServingSpec withMemory(String memory) {
        this.memory = memory;
        return this;
    }

    public Integer getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(Integer maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public ServingSpec withMaxBatchSize(Integer maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    public String getModelName() {
        return modelName;
    }

    public void setModelName(String modelName) {
        this.modelName = modelName;
    }

    public ServingSpec withModelName(String modelName) {
        this.modelName = modelName;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ServingSpec that)) {
            return false;
        }
        return Objects.equals(enabled, that.enabled) && Objects.equals(replicas, that.replicas) && Objects.equals(cpu, that.cpu) && Objects.equals(memory, that.memory) && Objects.equals(maxBatchSize, that.maxBatchSize) && Objects.equals(modelName, that.modelName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, replicas, cpu, memory, maxBatchSize, modelName);
    }

    @Override
    public String toString() {
        return "ServingSpec{" + "enabled=" + enabled + ", " + "replicas=" + replicas + ", " + "cpu=" + cpu + ", " + "memory=" + memory + ", " + "maxBatchSize=" + maxBatchSize + ", " + "modelName=" + modelName + "}";
    }
}
