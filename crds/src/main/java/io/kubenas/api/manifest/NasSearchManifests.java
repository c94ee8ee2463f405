package io.kubenas.api.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.validation.InvalidNasSearchException;
import io.kubenas.api.validation.ValidationProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a NasSearch manifest (YAML or JSON) the way {@code kubectl apply} and the API server would treat
 * it: schema defaults applied, unknown fields, the openAPIV3Schema and the CRD's CEL rules checked. This is a
 * local copy of the API server's work, for the local runner and the trainer, which validate without a cluster
 * (the operator reads objects the API server has validated already); ApiServerValidationTest (e2e) shows both
 * reject the same manifests at the same fields. Every problem is reported at once, each with its field path.
 */
public final class NasSearchManifests {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String API_VERSION = NasSearch.GROUP + "/" + NasSearch.VERSION;
    private static volatile JsonSchema compiledSchema;

    private NasSearchManifests() {
    }

    /** Reads, defaults and validates a manifest file; throws {@link InvalidNasSearchException} listing every problem. */
    public static NasSearch read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidNasSearchException(List.of(new ValidationProblem(file.toString(), "no such file")));
        } catch (IOException e) {
            throw new InvalidNasSearchException(List.of(new ValidationProblem(file.toString(), "cannot be read: " + e.getMessage())));
        }
        return parse(text);
    }

    /** Parses, defaults and validates manifest text. */
    public static NasSearch parse(String text) {
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidNasSearchException(List.of(new ValidationProblem("<manifest>", "is not valid YAML" + where + ": " + e.getOriginalMessage())));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidNasSearchException(List.of(new ValidationProblem("<manifest>", "must be a YAML mapping with apiVersion, kind, metadata and spec")));
        }
        List<ValidationProblem> problems = check(object);
        if (!problems.isEmpty()) {
            throw new InvalidNasSearchException(problems);
        }
        // Bound from the checked tree itself: the text is parsed once.
        return Serialization.jsonMapper().convertValue(object, NasSearch.class);
    }

    /**
     * A copy of {@code search} whose spec has every default of the CRD schema filled in, as an API server
     * applies them; the status is left out. Objects from a real API server are defaulted already; this keeps
     * code safe with ones that are not (test servers, hand-built objects).
     */
    public static NasSearch withSchemaDefaults(NasSearch search) {
        NasSearch copy = new NasSearch();
        copy.setMetadata(search.getMetadata());
        if (search.getSpec() != null) {
            JsonNode spec = Serialization.jsonMapper().valueToTree(search.getSpec());
            StructuralDefaults.apply(CrdSchema.openApiV3Schema().path("properties").path("spec"), spec, "spec");
            copy.setSpec(Serialization.jsonMapper().convertValue(spec, NasSearchSpec.class));
        }
        return copy;
    }

    /**
     * The schema-level checks, in place on {@code object}: identity, defaults, unknown fields, the schema
     * and the CEL rules. Returns the problems found (empty when the object can be bound).
     */
    static List<ValidationProblem> check(ObjectNode object) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (!API_VERSION.equals(object.path("apiVersion").asText())) {
            problems.add(new ValidationProblem("apiVersion", "must be " + API_VERSION + ", got '" + object.path("apiVersion").asText() + "'"));
        }
        if (!NasSearch.KIND.equals(object.path("kind").asText())) {
            problems.add(new ValidationProblem("kind", "must be " + NasSearch.KIND + ", got '" + object.path("kind").asText() + "'"));
        }
        // kubectl refuses a manifest without a name before it reaches the API server; the name's form is a CEL rule.
        if (object.path("metadata").path("name").asText("").isEmpty()) {
            problems.add(new ValidationProblem("metadata.name", "is required"));
        }
        if (!object.has("spec") || !object.get("spec").isObject()) {
            problems.add(new ValidationProblem("spec", "is required"));
            return problems;
        }
        JsonNode schema = CrdSchema.openApiV3Schema();
        // Only spec is the user's: metadata belongs to the API server, status to the operator.
        problems.addAll(StructuralDefaults.apply(schema.path("properties").path("spec"), object.get("spec"), "spec"));
        for (ValidationMessage message : schema().validate(object)) {
            problems.add(toProblem(message));
        }
        if (problems.isEmpty()) {
            problems.addAll(CelRules.evaluate(schema, object));
        }
        problems.sort(Comparator.comparing(ValidationProblem::field));
        return problems;
    }

    /**
     * The problems an API server would report for an update of {@code oldManifest} to {@code newManifest}
     * (both as text): everything {@link #parse} checks on the new one, plus the CEL transition rules
     * (what defines the search is immutable). Empty when the update would be accepted.
     */
    public static List<ValidationProblem> checkUpdate(String oldManifest, String newManifest) {
        NasSearch old = parse(oldManifest);
        List<ValidationProblem> problems = new ArrayList<>();
        NasSearch updated;
        try {
            updated = parse(newManifest);
        } catch (InvalidNasSearchException e) {
            return e.problems();
        }
        problems.addAll(CelRules.evaluateTransition(CrdSchema.openApiV3Schema(),
                Serialization.jsonMapper().valueToTree(updated), Serialization.jsonMapper().valueToTree(old)));
        return problems;
    }

    private static ValidationProblem toProblem(ValidationMessage message) {
        String field = message.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        if (field.isEmpty()) {
            field = "<root>";
        }
        JsonNode schema = propertySchema(message);
        JsonNode value = message.getInstanceNode();
        String got = value == null ? "" : ", got " + (value.isTextual() ? "'" + value.asText() + "'" : value.toString());
        return switch (message.getType()) {
            case "required" -> new ValidationProblem(StructuralDefaults.join(field, message.getProperty()), "is required");
            case "minimum" -> new ValidationProblem(field, (schema.path("exclusiveMinimum").asBoolean(false)
                    ? "must be greater than " : "must be at least ") + number(schema.path("minimum")) + got);
            case "maximum" -> new ValidationProblem(field, (schema.path("exclusiveMaximum").asBoolean(false)
                    ? "must be less than " : "must be at most ") + number(schema.path("maximum")) + got);
            case "enum" -> new ValidationProblem(field, "must be one of " + enumValues(schema.path("enum")) + got);
            case "pattern" -> new ValidationProblem(field, "must match " + schema.path("pattern").asText()
                    + describe(schema) + got);
            default -> new ValidationProblem(field, withoutLocation(message.getMessage()));
        };
    }

    /** The schema of the property a message is about (its evaluation path minus the failed keyword). */
    private static JsonNode propertySchema(ValidationMessage message) {
        String[] parts = message.getEvaluationPath().toString().replaceFirst("^\\$\\.?", "").split("\\.");
        JsonNode schema = CrdSchema.openApiV3Schema();
        for (int i = 0; i < parts.length - 1; i++) {
            if (!parts[i].isEmpty()) {
                schema = schema.path(parts[i]);
            }
        }
        return schema;
    }

    /** The field's own description (what it is, with an example), to make a pattern error actionable. */
    private static String describe(JsonNode schema) {
        String description = schema.path("description").asText("");
        return description.isEmpty() ? "" : " (" + description + ")";
    }

    private static String number(JsonNode node) {
        double value = node.asDouble();
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String enumValues(JsonNode values) {
        List<String> names = new ArrayList<>();
        values.forEach(v -> names.add(v.asText()));
        return String.join(", ", names);
    }

    /** networknt prefixes messages with the location, which is reported as the field already. */
    private static String withoutLocation(String text) {
        int colon = text.indexOf(": ");
        return colon > 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
    }

    private static JsonSchema schema() {
        JsonSchema compiled = compiledSchema;
        if (compiled == null) {
            // Structural schemas are OpenAPI v3 subsets whose keywords (exclusiveMinimum as a boolean)
            // follow JSON Schema draft 4.
            compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(CrdSchema.openApiV3Schema());
            compiledSchema = compiled;
        }
        return compiled;
    }
}
