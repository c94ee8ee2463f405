package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The inference service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServingStatus {

    /** Name of the serving Deployment. */
    @JsonPropertyDescription("Name of the serving Deployment.")
    private String deployment;

    /** Name of the serving Service. */
    @JsonPropertyDescription("Name of the serving Service.")
    private String service;

    /** In-cluster URL of the inference API. */
    @JsonPropertyDescription("In-cluster URL of the inference API.")
    private String url;

    /** Ready serving replicas. */
    @JsonPropertyDescription("Ready serving replicas.")
    private Integer readyReplicas;

    public String getDeployment() {
        return deployment;
    }

    public void setDeployment(String deployment) {
        this.deployment = deployment;
    }

    public ServingStatus withDeployment(String deployment) {
        this.deployment = deployment;
        return this;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public ServingStatus withService(String service) {
        this.service = service;
        return this;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public ServingStatus withUrl(String url) {
        this.url = url;
        return this;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public ServingStatus withReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ServingStatus that)) {
            return false;
        }
        return Objects.equals(deployment, that.deployment) && Objects.equals(service, that.service) && Objects.equals(url, that.url) && Objects.equals(readyReplicas, that.readyReplicas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deployment, service, url, readyReplicas);
    }

    @Override
    public String toString() {
        return "ServingStatus{" + "deployment=" + deployment + ", " + "service=" + service + ", " + "url=" + url + ", " + "readyReplicas=" + readyReplicas + "}";
    }
}
