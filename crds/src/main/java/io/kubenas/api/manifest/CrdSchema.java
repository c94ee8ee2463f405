package io.kubenas.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubenas.api.v1alpha1.NasSearch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The NasSearch CRD as generated from the Java model at build time (shipped in this jar). Local runs
 * default and validate manifests with its openAPIV3Schema, so they see what an API server would.
 */
public final class CrdSchema {
    /** Where the CRD generator puts the YAML; the same file is committed as crds/nassearches.kubenas.io-v1.yml. */
    public static final String RESOURCE = "META-INF/fabric8/" + NasSearch.CRD_NAME + "-v1.yml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static volatile JsonNode crd;

    private CrdSchema() {
    }

    /** The whole CRD document. */
    public static JsonNode crd() {
        JsonNode loaded = crd;
        if (loaded == null) {
            try (InputStream in = CrdSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath: build the crds module");
                }
                loaded = YAML.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            crd = loaded;
        }
        return loaded;
    }

    /** The openAPIV3Schema of version v1alpha1. */
    public static JsonNode openApiV3Schema() {
        for (JsonNode version : crd().path("spec").path("versions")) {
            if (NasSearch.VERSION.equals(version.path("name").asText())) {
                return version.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalStateException("the CRD has no version " + NasSearch.VERSION);
    }
}
