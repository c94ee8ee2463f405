package io.kubenas.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceTerminationTest {
    /** What the API server answers a create in a terminating namespace (captured on kube-apiserver 1.35). */
    private static KubernetesClientException refused(String reason) {
        Status status = new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("jobs.batch \"s-trainer-2\" is forbidden: unable to create new content in namespace ns because it is being terminated")
                .withNewDetails().withName("s-trainer-2").withKind("jobs").addNewCause().withReason(reason)
                .withMessage("namespace ns is being terminated").withField("metadata.namespace").endCause().endDetails().build();
        return new KubernetesClientException(status);
    }

    @Test
    void aDependentRefusedBecauseTheNamespaceIsTerminatingIsRecognisedInsideTheWorkflowsAggregate() {
        Exception workflow = new AggregatedOperatorException("Exception(s) during workflow execution.",
                Map.of("trainer-job", new RuntimeException("wrapped", refused(NamespaceTermination.CAUSE))));
        assertThat(NamespaceTermination.causedBy(workflow)).isTrue();
    }

    @Test
    void otherFailuresAreRetried() {
        assertThat(NamespaceTermination.causedBy(refused("FieldValueInvalid"))).isFalse();
        assertThat(NamespaceTermination.causedBy(new KubernetesClientException("connection refused"))).isFalse();
        assertThat(NamespaceTermination.causedBy(new IllegalStateException("boom"))).isFalse();
    }
}
