package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubenas.api.progress.PodContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shapes of owned objects as YAML in {@code templates/} (Java Operator SDK sample style): read once,
 * parsed into a fresh object on every call so callers may change it. Paths and names of the pod contract are
 * written as {@code {{placeholders}}} and filled in from {@link PodContract}, their one owner.
 */
final class Templates {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Map<String, String> TEXT = new ConcurrentHashMap<>();
    private static final Map<String, String> CONTRACT = Map.of(
            "{{trainerContainer}}", PodContract.TRAINER_CONTAINER,
            "{{servingContainer}}", PodContract.SERVING_CONTAINER,
            "{{specDir}}", PodContract.SPEC_DIR,
            "{{specFile}}", PodContract.SPEC_FILE,
            "{{workDir}}", PodContract.WORK_DIR,
            "{{childConfigMapsDir}}", PodContract.CHILD_CONFIGMAPS_DIR,
            "{{terminationLog}}", PodContract.TERMINATION_LOG);

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
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : CONTRACT.entrySet()) {
                text = text.replace(value.getKey(), value.getValue());
            }
            if (text.contains("{{")) {
                throw new IllegalStateException(path + " has a placeholder that is not in the pod contract: " + text.substring(text.indexOf("{{")));
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
