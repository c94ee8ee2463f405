package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.Objects;

/** One choice layer's current state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LayerChoice {

    /** Layer index, from 0. */
    @JsonPropertyDescription("Layer index, from 0.")
    private Integer layer;

    /** Most probable (or fixed) candidate. */
    @JsonPropertyDescription("Most probable (or fixed) candidate.")
    private String op;

    /** Probability of each active candidate. */
    @JsonPropertyDescription("Probability of each active candidate.")
    private Map<String, Double> probabilities;

    /** True once the layer was fixed by early fixing or pruning. */
    @JsonPropertyDescription("True once the layer was fixed by early fixing or pruning.")
    private Boolean fixed;

    public Integer getLayer() {
        return layer;
    }

    public void setLayer(Integer layer) {
        this.layer = layer;
    }

    public LayerChoice withLayer(Integer layer) {
        this.layer = layer;
        return this;
    }

    public String getOp() {
        return op;
    }

    public void setOp(String op) {
        this.op = op;
    }

    public LayerChoice withOp(String op) {
        this.op = op;
        return this;
    }

    public Map<String, Double> getProbabilities() {
        return probabilities;
    }

    public void setProbabilities(Map<String, Double> probabilities) {
        this.probabilities = probabilities;
    }

    public LayerChoice withProbabilities(Map<String, Double> probabilities) {
        this.probabilities = probabilities;
        return this;
    }

    public Boolean getFixed() {
        return fixed;
    }

    public void setFixed(Boolean fixed) {
        this.fixed = fixed;
    }

    public LayerChoice withFixed(Boolean fixed) {
        this.fixed = fixed;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LayerChoice that)) {
            return false;
        }
        return Objects.equals(layer, that.layer) && Objects.equals(op, that.op) && Objects.equals(probabilities, that.probabilities) && Objects.equals(fixed, that.fixed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layer, op, probabilities, fixed);
    }

    @Override
    public String toString() {
        return "LayerChoice{" + "layer=" + layer + ", " + "op=" + op + ", " + "probabilities=" + probabilities + ", " + "fixed=" + fixed + "}";
    }
}
