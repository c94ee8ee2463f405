package io.kubenas.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubenas.api.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies a structural schema's defaults the way the Kubernetes API server does: a missing property with a
 * default gets a copy of it, then the walk continues into it (so a default of {} picks up nested defaults).
 * It also reports unknown fields, which kubectl's strict field validation rejects.
 */
final class StructuralDefaults {
    private StructuralDefaults() {
    }

    /** Defaults {@code node} in place and returns the unknown fields found. */
    static List<ValidationProblem> apply(JsonNode schema, JsonNode node, String path) {
        List<ValidationProblem> unknown = new ArrayList<>();
        walk(schema, node, path, unknown);
        return unknown;
    }

    private static void walk(JsonNode schema, JsonNode node, String path, List<ValidationProblem> unknown) {
        if (node instanceof ObjectNode object) {
            JsonNode properties = schema.get("properties");
            if (properties != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> property = it.next();
                    JsonNode def = property.getValue().get("default");
                    if (!object.has(property.getKey()) && def != null) {
                        object.set(property.getKey(), def.deepCopy());
                    }
                }
                boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
                for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
                    String field = it.next();
                    JsonNode propertySchema = properties.get(field);
                    if (propertySchema == null) {
                        if (!preserve) {
                            unknown.add(new ValidationProblem(join(path, field), "unknown field"
                                    + (path.isEmpty() ? "" : "; " + path + " allows " + names(properties))));
                        }
                    } else {
                        walk(propertySchema, object.get(field), join(path, field), unknown);
                    }
                }
            } else if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    walk(schema.get("additionalProperties"), entry.getValue(), join(path, entry.getKey()), unknown);
                }
            }
        } else if (node instanceof ArrayNode array && schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                walk(schema.get("items"), array.get(i), path + "[" + i + "]", unknown);
            }
        }
    }

    private static String names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
