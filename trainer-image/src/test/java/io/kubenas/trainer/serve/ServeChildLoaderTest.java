package io.kubenas.trainer.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubenas.trainer.child.ChildDirectory;
import io.kubenas.trainer.child.ChildManifest;
import io.kubenas.trainer.child.InvalidChildException;
import io.kubenas.trainer.manifested.DurableFiles;
import io.kubenas.trainer.serve.model.ChildDirectoryLoader;
import io.kubenas.trainer.serve.model.ChildNetworkFactory;
import io.kubenas.trainer.serve.model.LoadedChild;
import io.kubenas.trainer.serve.model.ModelMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeChildLoaderTest {
    @TempDir
    Path temp;

    private final ChildDirectoryLoader loader = new ChildDirectoryLoader(TestChildren.FACTORY);

    @Test
    void loadsAnExportedChildWithItsIdentityAndMetadata() throws Exception {
        Path dir = TestChildren.export(temp.resolve("child"), 42);

        LoadedChild child = loader.load(dir);

        String manifestSha = DurableFiles.sha256(Files.readAllBytes(dir.resolve(ChildDirectory.MANIFEST)));
        assertThat(child.digest()).isEqualTo(manifestSha);
        ModelMetadata metadata = child.metadata(null);
        assertThat(metadata.name()).isEqualTo("tiny");
        assertThat(metadata.version()).isEqualTo(manifestSha.substring(0, 12));
        assertThat(metadata.classNames()).containsExactly("circle", "square", "triangle");
        assertThat(metadata.ops()).containsExactly("xception");
        assertThat(metadata.accuracy()).isEqualTo(0.875);
        assertThat(metadata.inputShape()).containsExactly(-1, 1, 8, 8);
        assertThat(child.metadata("other").name()).isEqualTo("other");
        assertThat(child.architecture().childSpace().layers().get(0).candidates()).hasSize(1);
    }

    @Test
    void refusesAMissingDirectory() {
        assertThatThrownBy(() -> loader.load(temp.resolve("nope")))
                .isInstanceOf(InvalidChildException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void refusesADirectoryWithoutManifest() throws Exception {
        Path dir = TestChildren.export(temp.resolve("child"), 42);
        Files.delete(dir.resolve(ChildDirectory.MANIFEST));

        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(InvalidChildException.class)
                .hasMessageContaining("no manifest.json");
    }

    @Test
    void refusesParametersWhoseSha256DiffersFromTheManifest() throws Exception {
        Path dir = TestChildren.export(temp.resolve("child"), 42);
        Path params = dir.resolve(ChildDirectory.PARAMETERS);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 3] ^= 0x40;
        Files.write(params, bytes);

        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(InvalidChildException.class)
                .hasMessageContaining("child.params has sha256")
                .hasMessageContaining("corrupt");
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        Path dir = TestChildren.export(temp.resolve("child"), 42);
        Path params = dir.resolve(ChildDirectory.PARAMETERS);
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(InvalidChildException.class)
                .hasMessageContaining("child.params has " + bytes.length / 2 + " bytes")
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesAManifestThatDoesNotCoverTheParameters() throws Exception {
        Path dir = TestChildren.export(temp.resolve("child"), 42);
        ChildManifest manifest = ChildDirectory.JSON.readValue(dir.resolve(ChildDirectory.MANIFEST).toFile(), ChildManifest.class);
        List<ChildManifest.FileEntry> onlyArchitecture = manifest.files().stream()
                .filter(f -> f.path().equals(ChildDirectory.ARCHITECTURE)).toList();
        ChildDirectory.JSON.writeValue(dir.resolve(ChildDirectory.MANIFEST).toFile(), new ChildManifest(1, onlyArchitecture));

        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(InvalidChildException.class)
                .hasMessageContaining("does not list child.params");
    }

    @Test
    void refusesAManifestThatIsNotJson() throws Exception {
        Path dir = TestChildren.export(temp.resolve("child"), 42);
        Files.writeString(dir.resolve(ChildDirectory.MANIFEST), "{\"files\": [");

        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(InvalidChildException.class)
                .hasMessageContaining("manifest.json")
                .hasMessageContaining("not a valid manifest");
    }

    @Test
    void refusesAnArchitectureWhoseOpIsNotACandidateOfItsLayer() throws Exception {
        Path dir = TestChildren.export(temp.resolve("child"), 42);
        ObjectNode architecture = (ObjectNode) ChildDirectory.JSON.readTree(dir.resolve(ChildDirectory.ARCHITECTURE).toFile());
        architecture.putArray("ops").add("shuffle7x7");
        rewriteWithManifest(dir, ChildDirectory.ARCHITECTURE, ChildDirectory.JSON.writeValueAsBytes(architecture));

        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(InvalidChildException.class)
                .hasMessageContaining("layer 0 chose \"shuffle7x7\", which is not one of its candidates [shuffle3x3, xception]");
    }

    @Test
    void refusesWeightsThatDoNotFitTheNetwork() throws Exception {
        Path dir = TestChildren.export(temp.resolve("child"), 42);
        ChildNetworkFactory wider = architecture -> TinyNetwork.block(5);

        assertThatThrownBy(() -> new ChildDirectoryLoader(wider).load(dir))
                .isInstanceOf(InvalidChildException.class)
                .hasMessageContaining("child.params does not fit the network described by architecture.json")
                .hasMessageContaining("shape");
    }

    @Test
    void exportRefusesAnExistingDirectory() throws Exception {
        Path dir = TestChildren.export(temp.resolve("child"), 42);

        assertThatThrownBy(() -> TestChildren.export(dir, 7)).hasMessageContaining("already exists");
        assertThat(Files.list(temp).map(p -> p.getFileName().toString()).toList()).containsExactly("child");
    }

    /** Replaces a file and updates the manifest to match, as a careless re-export would. */
    static void rewriteWithManifest(Path dir, String file, byte[] content) throws Exception {
        Files.write(dir.resolve(file), content);
        ChildManifest manifest = ChildDirectory.JSON.readValue(dir.resolve(ChildDirectory.MANIFEST).toFile(), ChildManifest.class);
        List<ChildManifest.FileEntry> files = manifest.files().stream()
                .map(f -> f.path().equals(file) ? new ChildManifest.FileEntry(file, DurableFiles.sha256(content), content.length) : f)
                .toList();
        ChildDirectory.JSON.writeValue(dir.resolve(ChildDirectory.MANIFEST).toFile(), new ChildManifest(1, files));
    }
}
