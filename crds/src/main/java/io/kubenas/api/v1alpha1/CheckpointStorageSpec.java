package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.util.Objects;

/** The checkpoint volume claim. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckpointStorageSpec {

    /** Requested size, e.g. 5Gi. */
    @Default("5Gi")
    @Pattern("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$")
    @JsonPropertyDescription("Requested size, e.g. 5Gi.")
    private String size;

    /** StorageClass of the claim; the cluster default when empty. */
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("StorageClass of the claim; the cluster default when empty.")
    private String storageClassName;

    /** ReadWriteOnce (default), ReadWriteMany or ReadWriteOncePod. */
    @Default("ReadWriteOnce")
    @JsonPropertyDescription("ReadWriteOnce (default), ReadWriteMany or ReadWriteOncePod.")
    private VolumeAccessMode accessMode;

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public CheckpointStorageSpec withSize(String size) {
        this.size = size;
        return this;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public CheckpointStorageSpec withStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
        return this;
    }

    public VolumeAccessMode getAccessMode() {
        return accessMode;
    }

    public void setAccessMode(VolumeAccessMode accessMode) {
        this.accessMode = accessMode;
    }

    public CheckpointStorageSpec withAccessMode(VolumeAccessMode accessMode) {
        this.accessMode = accessMode;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CheckpointStorageSpec that)) {
            return false;
        }
        return Objects.equals(size, that.size) && Objects.equals(storageClassName, that.storageClassName) && Objects.equals(accessMode, that.accessMode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, storageClassName, accessMode);
    }

    @Override
    public String toString() {
        return "CheckpointStorageSpec{" + "size=" + size + ", " + "storageClassName=" + storageClassName + ", " + "accessMode=" + accessMode + "}";
    }
}
