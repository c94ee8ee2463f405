package io.kubenas.chart;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fields the typed Kubernetes model does not define. fabric8 parses a field it does not know (a typo such as
 * {@code replicaz}, a field at the wrong level, a value of the wrong type) into the
 * {@code additionalProperties} of the object that holds it instead of failing, so a parsed object proves
 * nothing by itself: this walks the parsed object through the model's own JSON properties (as Jackson sees
 * them: JSON names, nested model objects, lists and maps) and reports every non-empty
 * {@code additionalProperties} with its JSON path.
 */
final class UnknownFields {
    private static final ObjectMapper INTROSPECTION = new ObjectMapper();
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private UnknownFields() {
    }

    /**
     * The JSON paths of the fields of {@code object} its model class does not define, e.g.
     * {@code spec.template.spec.containers[0].securityContext.readOnlyRootFilesytem}. A
     * {@link GenericKubernetesResource} (a kind fabric8 has no class for) has no model to check against and is
     * not walked.
     */
    static List<String> of(Object object) {
        List<String> found = new ArrayList<>();
        if (!(object instanceof GenericKubernetesResource)) {
            walk(object, "", found);
        }
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, child(path, String.valueOf(key)), found));
            return;
        }
        if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return; // a scalar, or free-form JSON the model declares as such (a CRD schema's default or example)
        }
        BeanDescription bean = INTROSPECTION.getSerializationConfig().introspect(INTROSPECTION.constructType(value.getClass()));
        AnnotatedMember anyGetter = bean.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(value) instanceof Map<?, ?> unknown) {
            unknown.keySet().forEach(key -> found.add(child(path, String.valueOf(key))));
        }
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null || accessor.equals(anyGetter)) {
                continue;
            }
            accessor.fixAccess(true);
            walk(accessor.getValue(value), child(path, property.getName()), found);
        }
    }

    private static String child(String path, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return path.isEmpty() ? key : path + "." + key;
        }
        return path + "[\"" + key + "\"]";
    }
}
