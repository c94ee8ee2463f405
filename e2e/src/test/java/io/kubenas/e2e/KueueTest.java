package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.AuditLog;
import io.kubenas.e2e.cluster.Repo;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kueue for real: Kueue v0.17's controller built from its Go module runs beside the control plane with its webhooks
 * registered ({@code test-cluster/add-kueue}), {@code examples/kueue/gpu-queue.yaml} is installed as a platform team
 * would, and searches join its LocalQueue with {@code spec.resources.queueName}. A search waits, with Kueue's own
 * reason and nothing billed, while its ClusterQueue has no GPU quota; starts on the flavor's nodes when quota is
 * given; when a search of a higher PriorityClass takes its GPU, its trainer writes a final checkpoint, the search is
 * queued again and later resumes from that checkpoint. Never two trainer Jobs or pods of one search at once, and the
 * operator's only Job writes here are creations and deletions (it patches a Job only for a budget edit, never its
 * {@code spec.suspend}, which is Kueue's).
 */
class KueueTest extends ClusterTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String QUEUED = "  resources:\n    gpus: 1\n    queueName: nas-research\n";
    private static final String HIGH_PRIORITY = "kubenas-e2e-high";

    KueueTest() {
        super("ml-team"); // where the example's LocalQueue lives
    }

    @BeforeAll
    void installTheExampleQueue() {
        cluster.kubectl("apply", "-f", Repo.path("examples/kueue/gpu-queue.yaml").toString());
        cluster.client().scheduling().v1().priorityClasses().resource(new PriorityClassBuilder().withNewMetadata().withName(HIGH_PRIORITY)
                .endMetadata().withValue(1000).withDescription("KueueTest: a search that preempts others in its ClusterQueue").build()).serverSideApply();
    }

    @Test
    void queuedSearchWaitsForQuotaRunsWhenGivenAndResumesFromItsFinalCheckpointAfterPreemption() throws InterruptedException {
        gpuQuota(0);
        OneAtATime low = OneAtATime.watch(cluster.client(), namespace, "low");
        try {
            searches.applyScripted("low", QUEUED);
            ScriptedTrainer.tell(namespace, "low", 1, "checkpoint epoch-1", "progress " + TrainerReports.searching(1, 1, 0.61),
                    "checkpoint-on-stop preempted-1", "stop-takes 2");

            // 1. No quota: queued with Kueue's reason, no pod, nothing billed.
            NasSearch waiting = searches.await("low", WAIT, s -> "Queued".equals(progressing(s).getReason())
                    && progressing(s).getMessage().contains("quota for nvidia.com/gpu in flavor gpu-a100"));
            assertThat(waiting.getStatus().getPhase()).isEqualTo(Phase.PENDING);
            assertThat(progressing(waiting).getMessage()).contains("queued in Kueue (LocalQueue nas-research)").contains("Pending: ");
            pause(Duration.ofSeconds(5));
            assertThat(searches.job("low", 1).getSpec().getSuspend()).as("the Job waits suspended").isTrue();
            assertThat(searches.pods("low-trainer-")).as("no trainer pod while queued").isEmpty();
            assertThat(deviceSecondsUsed(searches.get("low"))).as("nothing billed while queued").isZero();

            // 2. Quota: Kueue admits the Job onto its flavor's nodes; the trainer runs and is billed.
            gpuQuota(1);
            searches.await("low", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING && s.getStatus().getProgress() != null);
            Pod first = searches.pods("low-trainer-1-").get(0);
            assertThat(first.getSpec().getNodeSelector()).as("Kueue's ResourceFlavor placed the pod")
                    .containsEntry("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB");
            pause(Duration.ofSeconds(6));

            // 3. A search of a higher PriorityClass needs the one GPU of quota: Kueue preempts the first.
            searches.applyScripted("high", QUEUED + "    priorityClassName: " + HIGH_PRIORITY + "\n");
            ScriptedTrainer.tell(namespace, "high", 1, "progress " + TrainerReports.searching(1, 1, 0.9));
            NasSearch requeued = searches.await("low", WAIT, s -> s.getStatus().getAttempts().getCount() == 2
                    && "Queued".equals(progressing(s).getReason()));
            assertThat(requeued.getStatus().getAttempts().getLastFailure().getReason()).isEqualTo("Preempted");
            assertThat(requeued.getStatus().getAttempts().getLastFailure().getMessage()).contains("Preempted to accommodate a workload");
            assertThat(requeued.getStatus().getAttempts().getRestarts()).as("a preemption uses no restart").isZero();
            assertThat(requeued.getStatus().getAttempts().getEvictions()).as("nor a disruption").isZero();
            assertThat(deviceSecondsUsed(requeued)).as("the preempted trainer's run is billed").isGreaterThan(5.0);
            Job preempted = searches.job("low", 1);
            assertThat(preempted == null || preempted.getMetadata().getDeletionTimestamp() != null).as("the preempted Job is deleted").isTrue();
            searches.await("high", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);

            // 4. The higher search goes: its quota frees, the first resumes from the checkpoint written as it was preempted.
            ScriptedTrainer.tell(namespace, "low", 2, "resume preempted-1", "progress " + TrainerReports.searching(2, 2, 0.7));
            cluster.kubectl("delete", "nassearch", "high", "-n", namespace, "--wait=false");
            NasSearch resumed = searches.await("low", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING
                    && s.getStatus().getProgress() != null && s.getStatus().getProgress().getEpoch() == 2);
            assertThat(resumed.getStatus().getAttempts().getCount()).isEqualTo(2);
            Pod second = searches.pods("low-trainer-2-").get(0);
            assertThat(cluster.log(second, "trainer")).contains("resumed from checkpoint preempted-1 (attempt 1)");
        } finally {
            low.stop();
        }
        assertThat(low.mostJobs()).as("trainer Jobs of the search that could run at once").isEqualTo(1);
        assertThat(low.mostPods()).as("live trainer pods of the search at once").isEqualTo(1);
        // The audit log holds Job writes with their bodies: each Job's spec.suspend is the operator's only at creation.
        Map<String, List<JsonNode>> jobWrites = AuditLog.operatorWrites(cluster.auditLog(), namespace).stream()
                .filter(w -> "jobs".equals(w.path("objectRef").path("resource").asText()) && !"delete".equals(w.path("verb").asText()))
                .collect(Collectors.groupingBy(w -> w.path("objectRef").path("name").asText(), TreeMap::new, Collectors.toList()));
        assertThat(jobWrites).containsKeys("low-trainer-1", "low-trainer-2");
        jobWrites.forEach((job, writes) -> {
            System.out.printf("KueueTest: the operator's writes of Job %s: %s%n", job, writes.stream()
                    .map(w -> w.path("verb").asText() + " spec.suspend=" + w.path("requestObject").path("spec").path("suspend")).toList());
            assertThat(writes.get(0).path("requestObject").path("spec").path("suspend").asBoolean()).as(job + " created suspended").isTrue();
            assertThat(writes.subList(1, writes.size())).as(job + ": later writes leave spec.suspend to Kueue")
                    .noneMatch(w -> w.path("requestObject").path("spec").has("suspend"));
        });
    }

    /** The GPU the resumed search holds goes back to the tests that follow. */
    @AfterAll
    void releaseTheGpu() {
        cluster.kubectl("delete", "nassearch", "--all", "-n", namespace, "--wait=true", "--timeout=120s");
        Awaitility.await("the trainer pods of " + namespace + " are gone").atMost(WAIT)
                .until(() -> cluster.client().pods().inNamespace(namespace).list().getItems().isEmpty());
    }

    private void gpuQuota(int gpus) {
        cluster.kubectl("patch", "clusterqueue", "research", "--type", "json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/resourceGroups/0/flavors/0/resources/2/nominalQuota\",\"value\":" + gpus + "}]");
    }

    private static Condition progressing(NasSearch search) {
        return search.getStatus().getConditions().stream().filter(c -> "Progressing".equals(c.getType())).findFirst().orElseThrow();
    }

    private static double deviceSecondsUsed(NasSearch search) {
        return search.getStatus().getBudget() == null || search.getStatus().getBudget().getDeviceSecondsUsed() == null
                ? 0.0 : search.getStatus().getBudget().getDeviceSecondsUsed();
    }

    /** Samples a search's trainer Jobs that could start a pod (neither finished nor being deleted) and its live pods. */
    private static final class OneAtATime {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger jobs = new AtomicInteger();
        private final AtomicInteger pods = new AtomicInteger();
        private Thread thread;

        static OneAtATime watch(io.fabric8.kubernetes.client.KubernetesClient client, String namespace, String search) {
            OneAtATime sampler = new OneAtATime();
            sampler.thread = new Thread(() -> {
                while (sampler.running.get()) {
                    long liveJobs = client.batch().v1().jobs().inNamespace(namespace).withLabel("kubenas.io/search", search).list().getItems()
                            .stream().filter(j -> !deleting(j) && !finished(j)).count();
                    long livePods = client.pods().inNamespace(namespace).withLabel("kubenas.io/search", search).list().getItems().stream()
                            .filter(p -> p.getStatus() != null && !"Succeeded".equals(p.getStatus().getPhase()) && !"Failed".equals(p.getStatus().getPhase()))
                            .count();
                    sampler.jobs.accumulateAndGet((int) liveJobs, Math::max);
                    sampler.pods.accumulateAndGet((int) livePods, Math::max);
                    pause(Duration.ofMillis(250));
                }
            }, "one-at-a-time-" + search);
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        int mostJobs() {
            return jobs.get();
        }

        int mostPods() {
            return pods.get();
        }

        private static boolean deleting(HasMetadata resource) {
            return resource.getMetadata().getDeletionTimestamp() != null;
        }

        private static boolean finished(Job job) {
            return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                    .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
        }
    }
}
