package io.kubenas.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the report tests share: a real search that gives every chart, and how a page's data and links are read. */
public final class ReportFixtures {
    /** The charts of a finished TE-NAS + DSNAS search, in page order. */
    public static final List<String> EVERY_CHART = List.of("alpha", "accuracy", "training", "child", "pruning", "confusion", "timeline");

    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"" + ReportPage.DATA_ELEMENT_ID + "\">(.*?)</script>",
            Pattern.DOTALL);
    private static final Pattern EXTERNAL = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");

    private ReportFixtures() {
    }

    /**
     * A NasSearch whose report has every chart in under a minute on 2 cores: TE-NAS prunes the tiny space to 2 candidates
     * per layer (cheap settings), then 2 search epochs and 1 child epoch of {@code stepsPerEpoch} steps, at a constant
     * learning rate of 0.1 that learns fast, with early fixing at a margin of 0.05 and an unreachable target.
     */
    public static String prunedSearch(String name, int stepsPerEpoch) {
        return """
                apiVersion: kubenas.io/v1alpha1
                kind: NasSearch
                metadata:
                  name: %s
                spec:
                  strategy: TENAS_DSNAS
                  dataset:
                    builtin: fashion-mnist
                    validationFraction: 0.02
                  training:
                    epochs: 2
                    warmupEpochs: 0
                    childEpochs: 1
                    maxStepsPerEpoch: %d
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
                """.formatted(name, stepsPerEpoch);
    }

    /** The report's data, as the page's script reads it from its data element. */
    public static JsonNode data(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("the report's data element").isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    /** True when the page has a src or href that leaves it (http, https or protocol-relative). */
    public static boolean linksOutside(String html) {
        return EXTERNAL.matcher(html).find();
    }
}
