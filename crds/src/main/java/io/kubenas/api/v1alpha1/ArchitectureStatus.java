package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** The architecture distribution. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArchitectureStatus {

    /** One entry per choice layer. */
    @JsonPropertyDescription("One entry per choice layer.")
    private List<LayerChoice> layers;

    public List<LayerChoice> getLayers() {
        return layers;
    }

    public void setLayers(List<LayerChoice> layers) {
        this.layers = layers;
    }

    public ArchitectureStatus withLayers(List<LayerChoice> layers) {
        this.layers = layers;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ArchitectureStatus that)) {
            return false;
        }
        return Objects.equals(layers, that.layers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layers);
    }

    @Override
    public String toString() {
        return "ArchitectureStatus{" + "layers=" + layers + "}";
    }
}
