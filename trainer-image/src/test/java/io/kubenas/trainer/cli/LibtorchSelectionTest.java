package io.kubenas.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import io.kubenas.trainer.devices.LoadedLibtorch;
import io.kubenas.trainer.dsnas.EngineSetup;
import io.kubenas.trainer.startup.PackagedApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which libtorch the packaged application loads, the premise of trainer-image/Dockerfile.cuda, checked with the
 * CPU natives in the CUDA natives' place (neither CUDA natives nor a GPU can be had here): DJL's
 * {@code LibUtils.getLibTorch()} takes {@code PYTORCH_LIBRARY_PATH} before the CPU jar bundled in lib/, and takes
 * that jar, not {@code PYTORCH_FLAVOR}'s natives in its cache, when the variable is unset or empty (as the
 * operator sets it on pods given no GPU). Runs {@code kubenas engine} as a child process, after {@code package}
 * ({@code mvn verify}).
 */
@Tag("slow") // whole searches or a child process: left out of the fast loop (-Pfast)
class LibtorchSelectionTest {
    private static final String BAKED = "pytorch/2.7.1-cu128-linux-x86_64";

    /** The CPU natives the tests' own engine loaded (extracted from the bundled jar), with their JNI library. */
    private static Path cpuNatives;

    @TempDir
    Path temp;

    @BeforeAll
    static void packagedAppAndCpuNatives() throws IOException {
        PackagedApplication.requireUpToDate();
        cpuNatives = Path.of(LoadedLibtorch.of(Engine.getEngine("PyTorch")).path());
    }

    @Test
    void withoutPytorchLibraryPathTheBundledCpuJarWinsOverTheFlavourAndTheCache() throws Exception {
        // The CUDA image as it was: PYTORCH_FLAVOR=cu128 and that flavour's natives in DJL_CACHE_DIR.
        Path cache = temp.resolve("djl-cache");
        Path stale = standIn(cache.resolve(BAKED));
        Path bundled = standIn(cache.resolve("pytorch").resolve(cpuNatives.getFileName()));

        Run run = engine(Map.of("DJL_CACHE_DIR", cache.toString(), "PYTORCH_FLAVOR", "cu128", "PYTORCH_VERSION", "2.7.1"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.libtorch()).as(run.output()).isEqualTo(bundled + " (CPU build)").isNotEqualTo(stale + " (CPU build)");
    }

    @Test
    void pytorchLibraryPathWinsOverTheBundledJarAndNothingIsWrittenToTheCache() throws Exception {
        // The CUDA image now: its natives (here the CPU ones in their place) in a read-only DJL_CACHE_DIR it points at.
        Path cache = temp.resolve("opt-djl-cache");
        Path baked = standIn(cache.resolve(BAKED));
        List<Path> before = tree(cache);

        Run run = engine(Map.of("DJL_CACHE_DIR", cache.toString(), "PYTORCH_LIBRARY_PATH", baked.toString(),
                "PYTORCH_FLAVOR", "cu128", "PYTORCH_VERSION", "2.7.1"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.libtorch()).as(run.output()).isEqualTo(baked + " (CPU build)");
        assertThat(tree(cache)).as("DJL_CACHE_DIR after the engine loaded").isEqualTo(before);
    }

    @Test
    void anEmptyPytorchLibraryPathLoadsTheBundledCpuNativesTheImageExtractedWithoutWriting() throws Exception {
        // A pod given no GPU on the CUDA image: the operator empties the variable; the image has both natives baked.
        Path cache = temp.resolve("opt-djl-cache");
        standIn(cache.resolve(BAKED));
        Path bundled = standIn(cache.resolve("pytorch").resolve(cpuNatives.getFileName()));
        List<Path> before = tree(cache);

        Run run = engine(Map.of("DJL_CACHE_DIR", cache.toString(), "PYTORCH_LIBRARY_PATH", "",
                "PYTORCH_FLAVOR", "cu128", "PYTORCH_VERSION", "2.7.1"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.libtorch()).as(run.output()).isEqualTo(bundled + " (CPU build)");
        assertThat(tree(cache)).as("DJL_CACHE_DIR after the engine loaded").isEqualTo(before);
    }

    @Test
    void aCpuJarWithoutItsPlatformFileLetsDjlFetchTheFlavourAskedFor() throws Exception {
        // Dockerfile.cuda's first stage: the jar stays (Quarkus' index lists it), its pytorch.properties goes.
        Path app = temp.resolve("quarkus-app");
        copy(PackagedApplication.APP.getParent(), app);
        try (Stream<Path> jars = Files.list(app.resolve("lib").resolve("main"))) {
            Path jar = jars.filter(p -> p.getFileName().toString().startsWith("ai.djl.pytorch.pytorch-native-cpu-")).findFirst().orElseThrow();
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
                Files.delete(zip.getPath("native/lib/pytorch.properties"));
            }
        }
        Path cache = Files.createDirectories(temp.resolve("build-cache"));

        Run run = engine(app.resolve("quarkus-run.jar"), Map.of("DJL_CACHE_DIR", cache.toString(), "PYTORCH_FLAVOR", "cu128",
                "PYTORCH_VERSION", "2.7.1"));

        // Offline, so the download that the build stage makes is refused: but it is the one for cu128.
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Uses override PYTORCH_FLAVOR: cu128").contains("Offline mode is enabled")
                .doesNotContain("Extracting pytorch/cpu");
        assertThat(tree(cache)).as("nothing of the CPU jar was extracted").noneMatch(p -> p.toString().contains("cpu"));
    }

    /** A directory of links to the CPU natives, standing in for natives baked into an image. */
    private static Path standIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(cpuNatives)) {
            for (Path file : files.toList()) {
                Files.createSymbolicLink(dir.resolve(file.getFileName()), file);
            }
        }
        return dir;
    }

    private static List<Path> tree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.sorted().toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void theThreadsLineTellsTheIntraOpThreadsASearchRunsWith() throws Exception {
        Run run = engine(Map.of());

        int processors = Runtime.getRuntime().availableProcessors();
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("threads:  %d intra-op, 1 inter-op (%d available processors)"
                .formatted(EngineSetup.intraOpThreads(processors), processors));
    }

    private record Run(int exitCode, String output) {
        /** The engine command's {@code libtorch:} line, or null. */
        String libtorch() {
            return output.lines().filter(l -> l.startsWith("libtorch: ")).map(l -> l.substring("libtorch: ".length())).findFirst().orElse(null);
        }
    }

    private Run engine(Map<String, String> env) throws Exception {
        return engine(PackagedApplication.APP, env);
    }

    /** {@code kubenas engine} as the images start it (offline), with only {@code env} of DJL's variables set. */
    private Run engine(Path app, Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(temp, "engine", ".log");
        ProcessBuilder builder = new ProcessBuilder(PackagedApplication.java(), "-Dai.djl.offline=true", "-jar", app.toString(), "engine");
        builder.environment().keySet().removeIf(k -> k.startsWith("PYTORCH_") || k.startsWith("DJL_") || k.equals("ENGINE_CACHE_DIR"));
        builder.environment().putAll(env);
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
