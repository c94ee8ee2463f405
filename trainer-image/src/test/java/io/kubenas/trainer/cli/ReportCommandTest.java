package io.kubenas.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.trainer.child.ChildDirectory;
import io.kubenas.trainer.report.ReportFixtures;
import io.kubenas.trainer.searchspace.NetworkCost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kubenas run} writes the search report when the search ends, and {@code kubenas report} writes it from a work
 * dir: both on the work dir of one real, short TE-NAS + DSNAS run on Fashion-MNIST.
 */
@Tag("slow") // a whole search: left out of the fast loop (-Pfast)
class ReportCommandTest {
    @TempDir
    static Path work;
    static Path workDir;
    static String runOutput;

    @BeforeAll
    static void runASearch() throws Exception {
        Path manifest = Files.writeString(work.resolve("reported.yaml"), ReportFixtures.prunedSearch("reported", 10));
        workDir = work.resolve("run");
        Result run = execute(new RunCommand(), manifest.toString(), "--workdir", workDir.toString());
        assertThat(run.code()).as(run.err()).isZero();
        runOutput = run.out();
    }

    record Result(int code, String out, String err) {
    }

    static Result execute(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runWritesTheReportIntoTheWorkDirWhenTheSearchEndsAndPrintsWhere() throws Exception {
        Path report = workDir.resolve(PodContract.REPORT_FILE).toAbsolutePath();
        assertThat(runOutput).contains("report:        " + report);
        assertThat(report).isRegularFile();
        assertEveryChartHasData(Files.readString(report));
    }

    @Test
    void runPrintsTheExportedChildsFlops() throws Exception {
        ResolvedSearchSpace child = ChildDirectory.readArchitecture(workDir.resolve(PodContract.CHILD_DIR)).childSpace();
        long flops = NetworkCost.ofPath(child, new int[child.layers().size()]).flops();
        assertThat(flops).isPositive();
        assertThat(runOutput).contains("FLOPs:         " + flops + " multiply-accumulates per image");
    }

    @Test
    void reportWritesOneSelfContainedPageWithTheLibraryAndEveryChartsData() throws Exception {
        Path out = work.resolve("elsewhere").resolve("search.html");

        Result result = execute(new ReportCommand(), "--workdir", workDir.toString(), "--out", out.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("report: " + out.toAbsolutePath());
        String html = Files.readString(out);
        try (var library = getClass().getClassLoader().getResourceAsStream("META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            assertThat(html).as("ECharts, inlined").contains(new String(library.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(ReportFixtures.linksOutside(html)).as("an external src or href").isFalse();
        assertEveryChartHasData(html);
    }

    @Test
    void aWorkDirWithoutAHistoryIsADataErrorSaidInOneLine() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty"));

        Result result = execute(new ReportCommand(), "--workdir", empty.toString());

        assertThat(result.code()).isEqualTo(64);
        assertThat(result.err()).startsWith("report: no search history in " + empty + " (history.json is missing)").doesNotContain("\tat ");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(empty.resolve(PodContract.REPORT_FILE)).doesNotExist();
    }

    @Test
    void aWorkDirThatIsNotThereIsAUsageError() {
        Result result = execute(new ReportCommand(), "--workdir", work.resolve("nowhere").toString());

        assertThat(result.code()).isEqualTo(64);
        assertThat(result.err()).isEqualTo("report: --workdir " + work.resolve("nowhere") + " is not a directory\n");
    }

    @Test
    void aDamagedHistoryIsADataErrorNamingTheFile() throws Exception {
        Path damaged = Files.createDirectories(work.resolve("damaged"));
        Files.writeString(damaged.resolve(PodContract.HISTORY_FILE), "{\"epochs\": [");

        Result result = execute(new ReportCommand(), "--workdir", damaged.toString());

        assertThat(result.code()).isEqualTo(64);
        assertThat(result.err()).startsWith("report: " + damaged.resolve(PodContract.HISTORY_FILE) + " is not a search history").doesNotContain("\tat ");
    }

    private static void assertEveryChartHasData(String html) throws Exception {
        JsonNode data = ReportFixtures.data(html);
        assertThat(data.get("alpha").get("cells")).isNotEmpty();
        assertThat(data.get("alpha").get("fixes")).as("early fixing at a margin of 0.05").isNotNull();
        assertThat(data.get("accuracy").get("points")).hasSize(3);
        assertThat(data.get("accuracy").get("targetAccuracy").asDouble()).isEqualTo(0.95);
        assertThat(data.get("accuracy").get("budgetDeviceHours").asDouble()).isEqualTo(0.05);
        assertThat(data.get("training").get("points")).hasSize(3);
        assertThat(data.get("child").get("blocks")).hasSize(8 + 3);
        assertThat(data.get("pruning").get("rounds")).hasSize(2); // 4 → 3 → 2 candidates per layer
        assertThat(data.get("confusion").get("cells")).hasSize(100);
        assertThat(data.get("timeline").get("events")).isNotEmpty();
        for (String chart : ReportFixtures.EVERY_CHART) {
            assertThat(data.has(chart)).as("data of the %s chart", chart).isTrue();
        }
    }
}
