package io.kubenas.chart;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The objects of a rendered chart, parsed into the typed Kubernetes model. Parsing fails (an
 * {@link AssertionError} naming the object and the JSON path) on any field the object's kind does not define:
 * fabric8 alone would keep it silently in {@code additionalProperties} (see {@link UnknownFields}). An object of
 * a kind fabric8 has no class for is accepted only when it is one of {@link #CUSTOM_KINDS}, the custom
 * resources the chart may render; {@link KindChecks} checks those by hand.
 */
record Rendered(List<HasMetadata> objects) {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** kind → apiVersion of the custom resources (not in fabric8's model) the chart may render. */
    static final Map<String, String> CUSTOM_KINDS = Map.of("ServiceMonitor", "monitoring.coreos.com/v1");

    static Rendered of(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
                continue;
            }
            KubernetesResource parsed;
            try {
                parsed = SERIALIZATION.unmarshal(document);
            } catch (IllegalArgumentException e) {
                throw new AssertionError("a rendered document cannot be parsed (" + e.getMessage() + "):\n" + document, e);
            }
            if (!(parsed instanceof HasMetadata object)) {
                throw new AssertionError("not a Kubernetes object: " + document);
            }
            if (object instanceof GenericKubernetesResource generic
                    && !Objects.equals(CUSTOM_KINDS.get(generic.getKind()), generic.getApiVersion())) {
                problems.add(describe(object) + ": no such kind in the Kubernetes API (" + generic.getApiVersion()
                        + ", kind " + generic.getKind() + "), and not one of the custom resources " + CUSTOM_KINDS);
            }
            for (String path : UnknownFields.of(object)) {
                problems.add(describe(object) + ": " + path + " is not a field of " + object.getClass().getSimpleName()
                        + " (misspelled, misplaced or of the wrong type)");
            }
            objects.add(object);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("rendered objects invalid for their kind:\n  " + String.join("\n  ", problems));
        }
        return new Rendered(objects);
    }

    /** e.g. {@code Deployment kubenas-system/kubenas}. */
    static String describe(HasMetadata object) {
        String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
        String name = object.getMetadata() == null ? null : object.getMetadata().getName();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The object of a kind with that name (the release is "kubenas": the operator's objects are named so). */
    <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The custom resources of a kind (parsed as {@link GenericKubernetesResource}). */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).toList();
    }
}
