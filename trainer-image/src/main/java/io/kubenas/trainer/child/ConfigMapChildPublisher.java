package io.kubenas.trainer.child;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubenas.api.v1alpha1.NasSearch;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Publishes an exported child as immutable ConfigMaps {@code <prefix>-<sha8>-<part>} in the search's namespace, owned
 * by the NasSearch (deleted with it). A child is content-addressed: publishing the same child again (a retried
 * export) finds its ConfigMaps there and reuses them; an older child's stay until the search is deleted, so the serving
 * pods of the previous child keep theirs while the Deployment rolls to the new one.
 */
public final class ConfigMapChildPublisher implements ChildPublisher {
    private static final Logger LOG = Logger.getLogger(ConfigMapChildPublisher.class);

    private final Supplier<KubernetesClient> clients;
    private final String namespace;
    private final String prefix;
    private final String searchName;
    private final String searchUid;

    /** @param clients opens a client when a child is published (once per search, at its end), closed after */
    public ConfigMapChildPublisher(Supplier<KubernetesClient> clients, String namespace, String prefix, String searchName, String searchUid) {
        this.clients = clients;
        this.namespace = namespace;
        this.prefix = prefix;
        this.searchName = searchName;
        this.searchUid = searchUid;
    }

    @Override
    public List<String> publish(Path dir, String sha256) throws IOException {
        List<Map<String, byte[]>> parts = ChildParts.split(dir);
        List<String> names = new ArrayList<>();
        try (KubernetesClient client = clients.get()) {
            for (int i = 0; i < parts.size(); i++) {
                names.add(publishPart(client, i, parts.get(i), sha256));
            }
        }
        LOG.infof("child %s published in %d ConfigMap(s): %s", sha256.substring(0, 8), names.size(), names);
        return List.copyOf(names);
    }

    private String publishPart(KubernetesClient client, int i, Map<String, byte[]> part, String sha256) throws IOException {
        String name = prefix + "-" + sha256.substring(0, 8) + "-" + i;
        Map<String, String> data = new LinkedHashMap<>();
        part.forEach((key, bytes) -> data.put(key, Base64.getEncoder().encodeToString(bytes)));
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "kubenas").addToLabels("app.kubernetes.io/component", "child")
                .addToLabels("kubenas.io/search", searchName)
                .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion(NasSearch.GROUP + "/" + NasSearch.VERSION).withKind(NasSearch.KIND)
                        .withName(searchName).withUid(searchUid).build())
                .endMetadata().withImmutable(true).withBinaryData(data).build();
        try {
            client.configMaps().inNamespace(namespace).resource(map).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw new IOException("cannot publish the child as ConfigMap " + namespace + "/" + name + " (" + e.getCode() + "): "
                        + e.getMessage(), e);
            }
            LOG.infof("ConfigMap %s/%s of this child exists already (published by an earlier attempt)", namespace, name);
        }
        return name;
    }
}
