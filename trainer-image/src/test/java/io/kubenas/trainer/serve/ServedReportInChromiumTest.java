package io.kubenas.trainer.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.trainer.browser.HeadlessChromium;
import io.kubenas.trainer.browser.RenderedReport;
import io.kubenas.trainer.child.ChildParts;
import io.kubenas.trainer.search.SearchOutcome;
import io.kubenas.trainer.serve.model.ChildDirectoryLoader;
import io.kubenas.trainer.serve.model.ChildNetworkBlocks;
import io.kubenas.trainer.serve.model.ServedModel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The search report as a serving pod shows it: a real TE-NAS + DSNAS search on Fashion-MNIST exports its child, the child
 * is split into its ConfigMap parts and projected into one folder as the pod mounts them, the serve command serves it,
 * and headless Chromium loads {@code /report}: every chart draws its data, the console stays free of errors, and the
 * page's screenshot is kept in {@code target/report-screenshots/served-report.png}.
 */
@QuarkusTest
@Tag("slow") // a whole search and a browser process: left out of the fast loop (-Pfast)
class ServedReportInChromiumTest {
    /** Pruning to 2 candidates per layer, then 2 search epochs and 1 child epoch of 25 steps, at a learning rate that learns fast. */
    private static final String MANIFEST = """
            apiVersion: kubenas.io/v1alpha1
            kind: NasSearch
            metadata:
              name: served-report
            spec:
              strategy: TENAS_DSNAS
              dataset:
                builtin: fashion-mnist
                validationFraction: 0.02
              training:
                epochs: 2
                warmupEpochs: 0
                childEpochs: 1
                maxStepsPerEpoch: 25
                seed: 7
                earlyFixThreshold: 0.05
                weightOptimizer: {learningRate: 0.1, schedule: constant}
              tenas:
                widthMultiplier: 0.125
                repeats: 1
                ntkBatchSize: 8
                regionSamples: 200
                survivorsPerLayer: 2
              target:
                accuracy: 0.95
              budget:
                deviceHours: 0.05
            """;
    private static final List<String> EVERY_CHART = List.of("alpha", "accuracy", "training", "child", "pruning", "confusion", "timeline");

    @Inject
    ServeCommand serve;

    @Inject
    ModelRegistry registry;

    @Inject
    ChildNetworkBlocks networks;

    @TestHTTPResource(PodContract.REPORT_PATH)
    URI report;

    @Test
    void theReportOfAServedChildDrawsEveryChartInChromium() throws Exception {
        HeadlessChromium.requireInstalled();
        Path work = Files.createTempDirectory("kubenas-served-report");
        SearchOutcome outcome = FashionMnistChildren.train(work.resolve("search"), MANIFEST);
        assertThat(outcome.outcome()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);
        Path mounted = projected(ChildParts.split(outcome.childDir()), Files.createDirectories(work.resolve("etc-kubenas-child")));

        ServedModel previous = registry.detach();
        try {
            serve.child = mounted;
            serve.modelName = "served-report";
            serve.workers = 1;
            assertThat(serve.start(new ChildDirectoryLoader(networks))).isZero();

            given().get(PodContract.REPORT_PATH).then().statusCode(200)
                    .contentType(startsWith("text/html"))
                    .body(containsString("kubenas search report: served-report"));
            RenderedReport.check(report, EVERY_CHART, Path.of("target", "report-screenshots", "served-report.png"));
        } finally {
            ServedModel served = registry.detach();
            if (served != null) {
                served.close();
            }
            if (previous != null) {
                registry.serve(previous, ServeLimits.defaults());
            }
        }
    }

    /** The parts' keys in one folder, as the serving pod's projected ConfigMap volume shows them. */
    private static Path projected(List<Map<String, byte[]>> parts, Path dir) throws Exception {
        for (Map<String, byte[]> part : parts) {
            for (Map.Entry<String, byte[]> key : part.entrySet()) {
                Files.write(dir.resolve(key.getKey()), key.getValue());
            }
        }
        return dir;
    }
}
