package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The whole product on a real control plane: the chart's operator, the real trainer (a two-steps-per-epoch DSNAS
 * search on Fashion-MNIST) in a pod the real scheduler placed and the real Job controller created, its pushed
 * progress in status, promotion to a serving Deployment whose pod (its own IP) answers an inference request; and a
 * trainer SIGKILLed mid-search whose next attempt resumes from its checkpoint.
 */
class RealTrainerTest extends ClusterTest {
    RealTrainerTest() {
        super("e2e-real");
    }

    private static final Duration WAIT = Duration.ofMinutes(8);

    @Test
    void searchRunsInAScheduledPodIsPromotedAndItsServingPodClassifiesAnImage() throws Exception {
        NasSearch serving = searches.runTinyRealSearchUntilServing("real", WAIT);
        assertThat(serving.getStatus().getChild()).isNotNull();
        assertThat(serving.getStatus().getBudget().getDeviceSecondsUsed()).isPositive();

        Job job = cluster.client().batch().v1().jobs().inNamespace(namespace).withName("real-trainer-1").get();
        assertThat(job.getStatus().getSucceeded()).as("the real Job controller saw its pod succeed").isEqualTo(1);
        Pod trainer = searches.pods("real-trainer-1-").get(0);
        assertThat(trainer.getSpec().getNodeName()).as("placed by the scheduler").isNotBlank();

        Pod server = searches.pods("real-serving-").get(0);
        String pixels = String.join(",", Collections.nCopies(28 * 28, "0.5"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + server.getStatus().getPodIP() + ":8080/v2/models/fashion/infer"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,28,28],\"datatype\":\"FP32\",\"data\":[" + pixels + "]}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("outputs");

        // The search report: status points at the Service's /report; the serving pod answers it from the published child.
        URI reportUrl = URI.create(serving.getStatus().getServing().getReportURL());
        assertThat(reportUrl.getHost()).isEqualTo("real-serving." + namespace + ".svc");
        HttpResponse<String> report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + server.getStatus().getPodIP() + ":8080" + reportUrl.getPath())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(report.body()).contains("echarts").doesNotContainPattern("(src|href)=\"https?://");
    }

    @Test
    void trainerKilledMidSearchIsFollowedByAnAttemptThatResumesFromItsCheckpoint() {
        searches.apply("killed", """
                  training:
                    epochs: 8
                    maxStepsPerEpoch: 2
                    batchSize: 16
                  restartPolicy:
                    backoffSeconds: 1
                  serving:
                    enabled: false
                """);
        NasSearch checkpointed = searches.await("killed", WAIT, s -> s.getStatus().getCheckpoints() != null
                && s.getStatus().getCheckpoints().getLatest() != null);
        Pod first = searches.pods("killed-trainer-1-").get(0);
        searches.signal(first, "SIGKILL");
        int checkpointedEpochs = checkpointed.getStatus().getCheckpoints().getLatest().getEpoch();

        NasSearch done = searches.await("killed", WAIT, s -> s.getStatus().getPhase() == Phase.SUCCEEDED || s.getStatus().getPhase() == Phase.FAILED);
        assertThat(done.getStatus().getPhase()).as(String.valueOf(done.getStatus().getConditions())).isEqualTo(Phase.SUCCEEDED);
        assertThat(done.getStatus().getAttempts().getCount()).isEqualTo(2);
        assertThat(done.getStatus().getAttempts().getRestarts()).isEqualTo(1);
        assertThat(done.getStatus().getAttempts().getLastFailure().getExitCode()).isEqualTo(137);
        String resumed = cluster.log(searches.pods("killed-trainer-2-").get(0), "trainer");
        Matcher resumedAt = Pattern.compile("resumed from checkpoint \\S+: (\\d+) of \\d+ epochs done").matcher(resumed);
        assertThat(resumedAt.find()).as("the second attempt resumed from a checkpoint:\n" + resumed).isTrue();
        // At most the work since the last checkpoint seen before the kill is lost (checkpoints every epoch).
        assertThat(Integer.parseInt(resumedAt.group(1))).isGreaterThanOrEqualTo(checkpointedEpochs);
        // Each attempt's running time counts once: the sum of the two pods' container run times, as the kubelet
        // reported them (whole seconds), is what the status says was used on this one-device search.
        double ran = searches.pods("killed-trainer-").stream().mapToDouble(Searches::ranSeconds).sum();
        assertThat(done.getStatus().getBudget().getDeviceSecondsUsed()).isCloseTo(ran, within(2.5));
    }
}
