package io.kubenas.operator.support;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubenas.api.manifest.CrdSchema;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Installs the NasSearch CRD into the test API server before the operator starts, from the YAML the crds
 * module generated (the same file the Helm chart ships).
 */
public class CrdSetup implements Consumer<KubernetesServer> {
    @Override
    public void accept(KubernetesServer server) {
        try (InputStream in = CrdSetup.class.getClassLoader().getResourceAsStream(CrdSchema.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CrdSchema.RESOURCE + " is not on the test classpath");
            }
            CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
            server.getClient().apiextensions().v1().customResourceDefinitions().resource(crd).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
