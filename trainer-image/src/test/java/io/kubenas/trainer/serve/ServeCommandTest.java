package io.kubenas.trainer.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.kubenas.trainer.child.ChildDirectory;
import io.kubenas.trainer.serve.model.ChildDirectoryLoader;
import io.kubenas.trainer.serve.model.ServedModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
    @TempDir
    Path temp;

    private final StringWriter err = new StringWriter();
    private final ModelRegistry registry = new ModelRegistry();
    private final ServedReport report = new ServedReport();

    private ServeCommand command(String... args) {
        ServeCommand command = new ServeCommand();
        command.registry = registry;
        command.report = report;
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(err));
        commandLine.parseArgs(args);
        return command;
    }

    @AfterEach
    void closeTheModel() {
        registry.current().ifPresent(ServedModel::close);
    }

    @Test
    void startsServingAValidChildUnderTheGivenName() {
        Path dir = TestChildren.export(temp.resolve("child"), 42);

        int code = command("--child", dir.toString(), "--model-name", "fashion", "--workers", "1", "--max-batch", "16")
                .start(new ChildDirectoryLoader(TestChildren.FACTORY));

        assertThat(code).isZero();
        assertThat(registry.isReady()).isTrue();
        assertThat(registry.current().orElseThrow().metadata().name()).isEqualTo("fashion");
        assertThat(registry.limits().maxBatch()).isEqualTo(16);
    }

    @Test
    void aChildThatCarriesItsSearchHistoryIsServedWithItsReport() {
        Path dir = TestChildren.exportWithHistory(temp.resolve("child"), 42);

        int code = command("--child", dir.toString(), "--workers", "1").start(new ChildDirectoryLoader(TestChildren.FACTORY));

        assertThat(code).isZero();
        assertThat(report.page()).get(STRING).contains("<title>kubenas search report: tiny</title>");
    }

    @Test
    void aChildWithoutASearchHistoryIsServedAndItsMissingReportExplained() {
        Path dir = TestChildren.export(temp.resolve("child"), 42);

        int code = command("--child", dir.toString(), "--workers", "1").start(new ChildDirectoryLoader(TestChildren.FACTORY));

        assertThat(code).isZero();
        assertThat(report.page()).isEmpty();
        assertThat(report.absence()).isEqualTo("the served child carries no search history (it was exported by an older kubenas)");
    }

    @Test
    void missingChildExitsWithInvalidInputAndSaysSo() {
        int code = command("--child", temp.resolve("nope").toString()).start(new ChildDirectoryLoader(TestChildren.FACTORY));

        assertThat(code).isEqualTo(64);
        assertThat(err.toString()).contains("cannot serve").contains("nope does not exist");
        assertThat(registry.isReady()).isFalse();
    }

    @Test
    void corruptChildExitsWithInvalidInputAndSaysSo() throws Exception {
        Path dir = TestChildren.export(temp.resolve("child"), 42);
        Files.writeString(dir.resolve(ChildDirectory.ARCHITECTURE), "{}");

        int code = command("--child", dir.toString()).start(new ChildDirectoryLoader(TestChildren.FACTORY));

        assertThat(code).isEqualTo(64);
        assertThat(err.toString()).contains("architecture.json has 2 bytes");
        assertThat(registry.isReady()).isFalse();
    }

    @Test
    void invalidOptionsExitWithInvalidInputBeforeLoading() {
        assertThat(command("--child", "x", "--max-batch", "0").call()).isEqualTo(64);
        assertThat(err.toString()).contains("--max-batch must be >= 1, got 0");
        assertThat(command("--child", "x", "--model-name", "a/b").call()).isEqualTo(64);
        assertThat(err.toString()).contains("--model-name must be letters");
        assertThat(command("--child", "x", "--max-request-bytes", "huge").call()).isEqualTo(64);
        assertThat(err.toString()).contains("--max-request-bytes must be a size like 16M");
    }
}
