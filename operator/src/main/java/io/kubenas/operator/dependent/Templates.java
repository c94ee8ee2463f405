package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shapes of owned objects as YAML in {@code templates/} (Java Operator SDK sample style): read once,
 * parsed into a fresh object on every call so callers may change it.
 */
final class Templates {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Map<String, String> TEXT = new ConcurrentHashMap<>();

    private Templates() {
    }

    static <T> T load(Class<T> type, String name) {
        String yaml = TEXT.computeIfAbsent(name, Templates::read);
        return YAML.unmarshal(yaml, type);
    }

    private static String read(String name) {
        String path = "templates/" + name;
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
