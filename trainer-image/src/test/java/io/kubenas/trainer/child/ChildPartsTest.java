package io.kubenas.trainer.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child as ConfigMap-sized parts and back: what serving pods load instead of the checkpoint volume. */
class ChildPartsTest {
    @TempDir
    Path tmp;

    /** A child folder with {@code parameterBytes} of random parameters (the manifest need not be a real one here). */
    private Path child(int parameterBytes) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("exported"));
        byte[] parameters = new byte[parameterBytes];
        new Random(7).nextBytes(parameters);
        Files.write(dir.resolve(ChildDirectory.PARAMETERS), parameters);
        Files.writeString(dir.resolve(ChildDirectory.ARCHITECTURE), "{\"name\":\"demo\"}");
        Files.writeString(dir.resolve(ChildDirectory.MANIFEST), "{\"format\":1}");
        return dir;
    }

    /** Writes the parts' keys into one folder, as a projected volume of their ConfigMaps does. */
    private Path projected(List<Map<String, byte[]>> parts) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("projected"));
        for (Map<String, byte[]> part : parts) {
            for (Map.Entry<String, byte[]> key : part.entrySet()) {
                Files.write(dir.resolve(key.getKey()), key.getValue());
            }
        }
        return dir;
    }

    @Test
    void aLargeChildIsSplitIntoPartsUnderTheConfigMapLimitAndJoinedBackByteForByte() throws Exception {
        Path exported = child(2_500_000);
        List<Map<String, byte[]>> parts = ChildParts.split(exported);
        assertThat(parts).hasSize(3);
        assertThat(parts).allSatisfy(p -> assertThat(p.values().stream().mapToInt(b -> b.length).sum()).isLessThanOrEqualTo(ChildParts.BYTES_PER_PART));
        assertThat(parts.get(0)).containsKeys(ChildDirectory.ARCHITECTURE, ChildDirectory.MANIFEST);

        Path joined = ChildParts.joined(projected(parts), Files.createDirectories(tmp.resolve("scratch")));
        for (String file : List.of(ChildDirectory.PARAMETERS, ChildDirectory.ARCHITECTURE, ChildDirectory.MANIFEST)) {
            assertThat(Files.readAllBytes(joined.resolve(file))).as(file).isEqualTo(Files.readAllBytes(exported.resolve(file)));
        }
    }

    @Test
    void theSearchHistoryTravelsWholeInTheFirstPartAndIsJoinedBackNextToTheNetwork() throws Exception {
        Path exported = child(2_000_000);
        byte[] history = "{\"formatVersion\":1,\"search\":\"demo\"}".getBytes(StandardCharsets.UTF_8);
        Files.write(exported.resolve(ChildDirectory.HISTORY), history);

        List<Map<String, byte[]>> parts = ChildParts.split(exported);

        assertThat(parts.get(0)).containsKeys(ChildDirectory.ARCHITECTURE, ChildDirectory.HISTORY, ChildDirectory.MANIFEST);
        assertThat(parts).allSatisfy(p -> assertThat(p.values().stream().mapToInt(b -> b.length).sum()).isLessThanOrEqualTo(ChildParts.BYTES_PER_PART));
        Path joined = ChildParts.joined(projected(parts), Files.createDirectories(tmp.resolve("scratch")));
        assertThat(Files.readAllBytes(joined.resolve(ChildDirectory.HISTORY))).isEqualTo(history);
        assertThat(Files.readAllBytes(joined.resolve(ChildDirectory.PARAMETERS))).isEqualTo(Files.readAllBytes(exported.resolve(ChildDirectory.PARAMETERS)));
    }

    @Test
    void aHistoryTooLargeForOnePartIsSlicedAndJoinedBackLikeTheParameters() throws Exception {
        Path exported = child(100_000);
        byte[] history = new byte[ChildParts.BYTES_PER_PART + 5000];
        new Random(11).nextBytes(history);
        Files.write(exported.resolve(ChildDirectory.HISTORY), history);

        List<Map<String, byte[]>> parts = ChildParts.split(exported);

        assertThat(parts).allSatisfy(p -> assertThat(p.values().stream().mapToInt(b -> b.length).sum()).isLessThanOrEqualTo(ChildParts.BYTES_PER_PART));
        assertThat(parts.stream().flatMap(p -> p.keySet().stream())).contains(ChildDirectory.HISTORY + ".000", ChildDirectory.HISTORY + ".001")
                .doesNotContain(ChildDirectory.HISTORY);
        Path joined = ChildParts.joined(projected(parts), Files.createDirectories(tmp.resolve("scratch")));
        assertThat(Files.readAllBytes(joined.resolve(ChildDirectory.HISTORY))).isEqualTo(history);
        assertThat(Files.readAllBytes(joined.resolve(ChildDirectory.PARAMETERS))).isEqualTo(Files.readAllBytes(exported.resolve(ChildDirectory.PARAMETERS)));
    }

    @Test
    void aProjectedVolumesOwnFoldersAndLinksAreNotTakenForFilesOfTheChild() throws Exception {
        Path dir = projected(ChildParts.split(child(10_000)));
        // What the kubelet keeps next to the keys of a projected ConfigMap volume.
        Files.createDirectories(dir.resolve("..2026_12_03_01_02_03.000000001"));
        Files.writeString(dir.resolve("..2026_12_03_01_02_03.000000001").resolve(ChildDirectory.ARCHITECTURE), "{}");
        Files.createSymbolicLink(dir.resolve("..data"), dir.resolve("..2026_12_03_01_02_03.000000001"));

        Path joined = ChildParts.joined(dir, Files.createDirectories(tmp.resolve("scratch")));

        try (var files = Files.list(joined)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly(ChildDirectory.ARCHITECTURE, ChildDirectory.PARAMETERS, ChildDirectory.MANIFEST);
        }
    }

    @Test
    void anExportedFolderIsServedAsItIs() throws Exception {
        Path exported = child(1000);
        assertThat(ChildParts.joined(exported, tmp)).isEqualTo(exported);
    }

    @Test
    void aMissingPartIsNamedInsteadOfServingHalfAModel() throws Exception {
        Path dir = projected(ChildParts.split(child(2_000_000)));
        Files.delete(dir.resolve(ChildDirectory.PARAMETERS + ".001"));
        assertThatThrownBy(() -> ChildParts.joined(dir, Files.createDirectories(tmp.resolve("scratch"))))
                .isInstanceOf(InvalidChildException.class).hasMessageContaining("child.params.001 is missing");
    }

    @Test
    void publishingCreatesImmutableConfigMapsOwnedByTheSearchAndAgainReusesThem() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            Path exported = child(1_500_000);
            ConfigMapChildPublisher publisher = new ConfigMapChildPublisher(server::createClient, "ml", "demo-child", "demo", "uid-1");
            List<String> names = publisher.publish(exported, "0123456789abcdef");
            assertThat(names).containsExactly("demo-child-01234567-0", "demo-child-01234567-1");
            assertThat(publisher.publish(exported, "0123456789abcdef")).as("a retried export").isEqualTo(names);

            Path dir = Files.createDirectories(tmp.resolve("from-api"));
            for (String name : names) {
                ConfigMap map = client.configMaps().inNamespace("ml").withName(name).get();
                assertThat(map.getImmutable()).isTrue();
                assertThat(map.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
                    assertThat(o.getKind()).isEqualTo("NasSearch");
                    assertThat(o.getUid()).isEqualTo("uid-1");
                });
                map.getBinaryData().forEach((key, base64) -> {
                    try {
                        Files.write(dir.resolve(key), Base64.getDecoder().decode(base64));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            Path joined = ChildParts.joined(dir, Files.createDirectories(tmp.resolve("scratch")));
            assertThat(Files.readAllBytes(joined.resolve(ChildDirectory.PARAMETERS))).isEqualTo(Files.readAllBytes(exported.resolve(ChildDirectory.PARAMETERS)));
        } finally {
            server.destroy();
        }
    }
}
