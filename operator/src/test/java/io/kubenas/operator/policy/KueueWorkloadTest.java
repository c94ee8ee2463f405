package io.kubenas.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class KueueWorkloadTest {
    /** A Workload as Kueue v0.17 left it after preempting its Job for a higher-priority one (trimmed). */
    private static final String PREEMPTED = """
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: Workload
            metadata:
              name: job-s-trainer-1-6eba9
              namespace: ml-team
              ownerReferences:
              - {apiVersion: batch/v1, kind: Job, name: s-trainer-1, uid: u1, controller: true}
            status:
              conditions:
              - {type: QuotaReserved, status: "False", reason: Pending, message: "couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in flavor gpu-a100, 1 more needed"}
              - {type: Evicted, status: "True", reason: Preempted, message: "Preempted to accommodate a workload (UID: x, JobUID: y) due to prioritization in the ClusterQueue"}
              - {type: Admitted, status: "False", reason: NoReservation, message: The workload has no reservation}
            """;

    private static final String ADMITTED = """
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: Workload
            metadata: {name: job-s-trainer-2-abcde, namespace: ml-team}
            status:
              conditions:
              - {type: QuotaReserved, status: "True", reason: QuotaReserved, message: Quota reserved in ClusterQueue research}
              - {type: Admitted, status: "True", reason: Admitted, message: The workload is admitted}
            """;

    @Test
    void preemptedWorkloadSaysWhyItWaitsAndWhyItWasEvicted() {
        KueueWorkload w = KueueWorkload.of(Serialization.unmarshal(PREEMPTED, GenericKubernetesResource.class));
        assertThat(w.name()).isEqualTo("job-s-trainer-1-6eba9");
        assertThat(w.waiting()).isEqualTo("Pending: couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in flavor"
                + " gpu-a100, 1 more needed");
        assertThat(w.evictedReason()).isEqualTo("Preempted");
        assertThat(w.eviction()).startsWith("Preempted: Preempted to accommodate a workload");
    }

    @Test
    void admittedWorkloadNeitherWaitsNorWasEvicted() {
        KueueWorkload w = KueueWorkload.of(Serialization.unmarshal(ADMITTED, GenericKubernetesResource.class));
        assertThat(w.waiting()).isNull();
        assertThat(w.eviction()).isNull();
    }

    @Test
    void workloadKueueHasNotLookedAtYetSaysNothing() {
        GenericKubernetesResource fresh = Serialization.unmarshal("apiVersion: kueue.x-k8s.io/v1beta2\nkind: Workload\nmetadata: {name: w}\n",
                GenericKubernetesResource.class);
        assertThat(KueueWorkload.of(fresh).waiting()).isNull();
    }
}
