package io.kubenas.trainer.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.trainer.child.ChildDirectory;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The serve command through the application's entry point and picocli, as the image runs it. */
@QuarkusMainTest
@Tag("slow") // whole searches or a child process: left out of the fast loop (-Pfast)
class ServeLaunchTest {

    @Test
    void serveWithAMissingChildExitsWithInvalidInput(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("serve", "--child", "/does/not/exist");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.getErrorOutput()).contains("cannot serve /does/not/exist: child directory /does/not/exist does not exist");
    }

    @Test
    void serveWithACorruptChildExitsWithInvalidInput(QuarkusMainLauncher launcher) throws Exception {
        Path dir = TestChildren.export(Files.createTempDirectory("kubenas-launch").resolve("child"), 42);
        Files.write(dir.resolve(ChildDirectory.PARAMETERS), new byte[] {1, 2, 3});

        LaunchResult result = launcher.launch("serve", "--child", dir.toString());

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.getErrorOutput()).contains("child.params has 3 bytes");
    }

    @Test
    void serveRequiresTheChildOption(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("serve");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("Missing required option: '--child=DIR'");
    }
}
