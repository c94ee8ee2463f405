package io.kubenas.trainer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

/** A search report as Chromium drew it: checked chart by chart, and kept as a screenshot. */
public final class RenderedReport {
    /** Per chart: its name, the data points ECharts drew, and the pixels painted on its canvas that are not background. */
    private static final String CHARTS = """
            Array.from(document.querySelectorAll('.chart')).map(box => {
              const canvas = box.querySelector('canvas');
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let painted = 0;
              for (let i = 0; i < pixels.length; i += 4) {
                if (pixels[i + 3] > 0 && (pixels[i] < 245 || pixels[i + 1] < 245 || pixels[i + 2] < 245)) painted++;
              }
              return {chart: box.dataset.chart, points: Number(box.dataset.renderedPoints || 0), painted: painted};
            })""";

    private RenderedReport() {
    }

    /**
     * Loads the report at {@code url}, waits until the page says every chart is drawn, and checks that exactly
     * {@code charts} were drawn, each with data points and a painted canvas, with no error in the console; the page's
     * screenshot goes to {@code screenshot}.
     */
    public static void check(URI url, List<String> charts, Path screenshot) throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(1280)) {
            chromium.open(url);
            chromium.awaitTrue("document.body.dataset.chartsRendered !== undefined", Duration.ofSeconds(60));
            chromium.screenshot(screenshot);
            assertThat(chromium.evaluate("document.body.dataset.chartsRendered").asText()).isEqualTo(String.valueOf(charts.size()));
            JsonNode drawn = chromium.evaluate(CHARTS);
            assertThat(StreamSupport.stream(drawn.spliterator(), false).map(c -> c.get("chart").asText()).toList())
                    .as("the charts drawn").isEqualTo(charts);
            for (JsonNode chart : drawn) {
                assertThat(chart.get("points").asInt()).as("data points drawn in chart %s", chart.get("chart").asText()).isPositive();
                assertThat(chart.get("painted").asInt()).as("pixels painted in chart %s", chart.get("chart").asText()).isGreaterThan(2000);
            }
            assertThat(chromium.errors()).as("errors in the page's console").isEmpty();
        }
    }
}
