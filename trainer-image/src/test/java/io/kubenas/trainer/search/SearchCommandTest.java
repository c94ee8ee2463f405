package io.kubenas.trainer.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.TrainerExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code kubenas search}, what a trainer pod runs, on this machine (DJL's CPU libtorch, no GPU). */
class SearchCommandTest {
    @TempDir
    Path temp;

    private final Map<Signal, SignalHandler> handlers = new LinkedHashMap<>();

    /** The command takes SIGTERM and SIGINT for its final checkpoint; the test JVM gets its own handlers back. */
    @BeforeEach
    void keepTheSignalHandlers() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal signal = new Signal(name);
            SignalHandler original = Signal.handle(signal, SignalHandler.SIG_DFL);
            Signal.handle(signal, original);
            handlers.put(signal, original);
        }
    }

    @AfterEach
    void restoreTheSignalHandlers() {
        handlers.forEach(Signal::handle);
    }

    @Test
    void podAskedForGpusThatSeesNoneExitsGpuNotVisibleBeforeReadingItsData() throws Exception {
        Path spec = Files.writeString(temp.resolve("search.yaml"), """
                apiVersion: kubenas.io/v1alpha1
                kind: NasSearch
                metadata:
                  name: on-cpu
                spec:
                  dataset:
                    builtin: fashion-mnist
                  training:
                    epochs: 1
                  budget:
                    deviceHours: 1
                  resources:
                    gpus: 2
                """);
        StringWriter err = new StringWriter();
        CommandLine search = new CommandLine(new SearchCommand());
        search.setErr(new PrintWriter(err));

        // The data folder does not exist: had the trainer read its data first, it would exit 64 (invalid input).
        int code = search.execute("--spec", spec.toString(), "--workdir", temp.resolve("work").toString(),
                "--data-dir", temp.resolve("no-fashion-mnist").toString());

        assertThat(code).as(err.toString()).isEqualTo(TrainerExitCode.GPU_NOT_VISIBLE.code()).isEqualTo(69);
        assertThat(err.toString()).startsWith("search: spec.resources.gpus asks for 2 GPUs but PyTorch sees 0: libtorch ")
                .contains("(CPU build)").contains("CUDA trainer image");
        assertThat(temp.resolve("work").resolve("checkpoints")).doesNotExist();
    }
}
