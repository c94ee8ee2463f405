package io.kubenas.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.RepoPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CrdDriftTest {
    static final Path COMMITTED = RepoPaths.root().resolve("crds/nassearches.kubenas.io-v1.yml");

    @Test
    void committedCrdIsWhatTheBuildGeneratesFromTheJavaModel() throws IOException {
        String generated;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CrdSchema.RESOURCE)) {
            assertThat(in).as("generated CRD on the classpath").isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (Boolean.getBoolean("kubenas.crd.refresh")) {
            Files.writeString(COMMITTED, generated);
        }
        assertThat(COMMITTED).as("committed CRD").exists();
        assertThat(Files.readString(COMMITTED))
                .as("crds/nassearches.kubenas.io-v1.yml differs from the CRD generated from the Java model. "
                        + "Refresh it with: mvn -pl crds verify -Dkubenas.crd.refresh=true (then commit it)")
                .isEqualTo(generated);
    }
}
