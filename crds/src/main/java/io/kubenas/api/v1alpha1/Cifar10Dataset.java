package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** CIFAR-10 in its binary format (data_batch_1..5.bin, test_batch.bin). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Cifar10Dataset {

    /** Name of the PersistentVolumeClaim holding the batches (mounted read-only). */
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the PersistentVolumeClaim holding the batches (mounted read-only).")
    private String claimName;

    /** Folder of the binary batches inside the volume. */
    @Default("cifar-10-batches-bin")
    @Pattern("^[^\\s]+$")
    @JsonPropertyDescription("Folder of the binary batches inside the volume.")
    private String path;

    public String getClaimName() {
        return claimName;
    }

    public void setClaimName(String claimName) {
        this.claimName = claimName;
    }

    public Cifar10Dataset withClaimName(String claimName) {
        this.claimName = claimName;
        return this;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Cifar10Dataset withPath(String path) {
        this.path = path;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Cifar10Dataset that)) {
            return false;
        }
        return Objects.equals(claimName, that.claimName) && Objects.equals(path, that.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(claimName, path);
    }

    @Override
    public String toString() {
        return "Cifar10Dataset{" + "claimName=" + claimName + ", " + "path=" + path + "}";
    }
}
