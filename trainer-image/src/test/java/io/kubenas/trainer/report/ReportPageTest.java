package io.kubenas.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report as one HTML page: the library inlined, the data escaped, nothing fetched. */
class ReportPageTest {

    @Test
    void thePageInlinesEchartsItsScriptAndItsDataAndLinksToNothing() throws Exception {
        String html = ReportPage.html(SearchReport.of(SampleHistories.finished("demo", List.of("a", "b", "c")),
                SampleHistories.child("demo", List.of("a", "b", "c"))));

        assertThat(html).contains(EchartsBundle.script()).contains("echarts.init(");
        assertThat(html).doesNotContain("<script src").doesNotContain("<link rel=\"stylesheet\"");
        assertThat(ReportFixtures.linksOutside(html)).as("an external src or href").isFalse();
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
        assertThat(ReportFixtures.data(html).get("summary").get("search").asText()).isEqualTo("demo");
    }

    @Test
    void markupInTheDataCannotEndTheDataElementOrOpenAnother() throws Exception {
        String hostile = "</script><script>alert(1)</script><!--";
        List<String> classes = List.of(hostile, "b&c", "\u2028line");
        String html = ReportPage.html(SearchReport.of(SampleHistories.finished(hostile, classes), SampleHistories.child("x", classes)));

        assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("\u2028");
        assertThat(html.split("<script", -1)).as("script elements: data, ECharts, the page's own").hasSize(4);
        JsonNode data = ReportFixtures.data(html);
        assertThat(data.get("summary").get("search").asText()).isEqualTo(hostile);
        assertThat(data.get("confusion").get("classes").get(0).asText()).isEqualTo(hostile);
        assertThat(data.get("confusion").get("classes").get(2).asText()).isEqualTo("\u2028line");
        assertThat(html).contains("<title>kubenas search report: &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--</title>");
    }
}
