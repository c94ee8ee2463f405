package io.kubenas.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.kubenas.api.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the CRD's CEL rules ({@code x-kubernetes-validations}) on a defaulted object, as the API
 * server does on create, for runs without a cluster. Transition rules (those that use {@code oldSelf}) only
 * apply to updates and are skipped here; {@link #transitionRules} lists them for tests.
 *
 * <p>A failed rule is reported like the API server reports it: at its node's path plus its {@code fieldPath},
 * with its {@code messageExpression} (else its {@code message}). fieldPath cannot index a list, so a rule
 * about one item of a list its node holds starts its message with that item's path and a colon
 * ({@code spec.searchSpace.layers[1].outChannels: ...}): that path is then the problem's field.
 */
final class CelRules {
    /** A rule as found in the schema: where it sits, its expression and its message. */
    record Rule(String path, String expression, String message) {
        boolean isTransition() {
            return expression.contains("oldSelf");
        }
    }

    private static final CelOptions OPTIONS = CelOptions.current().build();
    /**
     * What the API server's CEL environment (Kubernetes 1.34+) offers and cel-java has too: the standard
     * macros (has, all, exists, exists_one, map, filter), two-variable comprehensions (all(i, v, ...),
     * exists(i, v, ...), transformList ...), the lists (lists.range, slice, flatten, distinct, reverse, sort),
     * sets and strings extensions. Kubernetes' own list functions (sum, min, max, indexOf, isSorted) and its
     * quantity/IP/URL libraries have no cel-java counterpart: the CRD's rules must not use them.
     */
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.comprehensions(), CelExtensions.lists(), CelExtensions.sets(OPTIONS), CelExtensions.strings())
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(CelExtensions.comprehensions(), CelExtensions.lists(), CelExtensions.sets(OPTIONS), CelExtensions.strings())
            .build();
    private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();
    private static final Pattern FIELD_IN_MESSAGE = Pattern.compile("^([A-Za-z0-9_.\\[\\]]+): (.+)$", Pattern.DOTALL);

    private CelRules() {
    }

    /** Every rule in the schema, with the path of the node it validates (paths use * for list items). */
    static List<Rule> all(JsonNode schema) {
        List<Rule> rules = new ArrayList<>();
        collect(schema, "", rules);
        return rules;
    }

    static List<Rule> transitionRules(JsonNode schema) {
        return all(schema).stream().filter(Rule::isTransition).toList();
    }

    /** Evaluates every create-time rule against {@code node} (the whole object) and returns the failures. */
    static List<ValidationProblem> evaluate(JsonNode schema, JsonNode node) {
        List<ValidationProblem> problems = new ArrayList<>();
        evaluate(schema, node, "", problems);
        return problems;
    }

    private static void evaluate(JsonNode schema, JsonNode node, String path, List<ValidationProblem> problems) {
        if (node == null || node.isNull()) {
            return;
        }
        Object self = null;
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            if (expression.contains("oldSelf")) {
                continue;
            }
            if (self == null) {
                self = toCel(node, schema);
            }
            if (!holds(expression, self, null)) {
                problems.add(problem(path, rule, self, null));
            }
        }
        if (node instanceof ObjectNode object && schema.has("properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                evaluate(property.getValue(), object.get(property.getKey()), StructuralDefaults.join(path, property.getKey()), problems);
            }
        } else if (node instanceof ArrayNode array && schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                evaluate(schema.get("items"), array.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    /** The problem a failed rule reports: where (its node's path, its fieldPath, or the path its message starts with) and what. */
    private static ValidationProblem problem(String path, JsonNode rule, Object self, Object oldSelf) {
        String field = path;
        String fieldPath = rule.path("fieldPath").asText("");
        if (!fieldPath.isEmpty()) {
            field = StructuralDefaults.join(path, fieldPath.startsWith(".") ? fieldPath.substring(1) : fieldPath);
        }
        String message = rule.path("message").asText(rule.path("rule").asText());
        String messageExpression = rule.path("messageExpression").asText("");
        if (!messageExpression.isEmpty()) {
            // Like the API server, fall back to the static message when the expression fails.
            Object evaluated = evaluate(messageExpression, self, oldSelf);
            if (evaluated instanceof String text && !text.isBlank()) {
                message = text;
            }
        }
        Matcher named = FIELD_IN_MESSAGE.matcher(message);
        if (named.matches() && isWithin(named.group(1), field)) {
            return new ValidationProblem(named.group(1), named.group(2));
        }
        if (fieldPath.isEmpty() && !(self instanceof Map) && !(self instanceof List)) {
            // The API server shows a rule's scalar value as its own ("Invalid value: 33: ..."); so do we.
            message += ", got " + (self instanceof String text ? "'" + text + "'" : self);
        }
        return new ValidationProblem(field.isEmpty() ? "<root>" : field, message);
    }

    private static boolean isWithin(String candidate, String field) {
        if (field.isEmpty()) {
            return true;
        }
        return candidate.length() > field.length() && candidate.startsWith(field)
                && (candidate.charAt(field.length()) == '.' || candidate.charAt(field.length()) == '[');
    }

    /**
     * Evaluates the transition rules of an update from {@code oldNode} to {@code newNode}; like the API
     * server, a rule is checked only where both the old and the new object have the node.
     */
    static List<ValidationProblem> evaluateTransition(JsonNode schema, JsonNode newNode, JsonNode oldNode) {
        List<ValidationProblem> problems = new ArrayList<>();
        evaluateTransition(schema, newNode, oldNode, "", problems);
        return problems;
    }

    private static void evaluateTransition(JsonNode schema, JsonNode newNode, JsonNode oldNode, String path,
            List<ValidationProblem> problems) {
        if (newNode == null || oldNode == null || newNode.isNull() || oldNode.isNull()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            if (expression.contains("oldSelf")) {
                Object self = toCel(newNode, schema);
                Object oldSelf = toCel(oldNode, schema);
                if (!holds(expression, self, oldSelf)) {
                    problems.add(problem(path, rule, self, oldSelf));
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            evaluateTransition(property.getValue(), newNode.get(property.getKey()), oldNode.get(property.getKey()),
                    StructuralDefaults.join(path, property.getKey()), problems);
        }
    }

    private static boolean holds(String expression, Object self, Object oldSelf) {
        return Boolean.TRUE.equals(evaluate(expression, self, oldSelf));
    }

    /** The expression's value, or null when it cannot be evaluated (the API server reports such a rule as failed). */
    private static Object evaluate(String expression, Object self, Object oldSelf) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("self", self);
        if (oldSelf != null) {
            variables.put("oldSelf", oldSelf);
        }
        try {
            return program(expression).eval(variables);
        } catch (CelEvaluationException e) {
            return null;
        }
    }

    private static CelRuntime.Program program(String expression) {
        return PROGRAMS.computeIfAbsent(expression, e -> {
            try {
                return RUNTIME.createProgram(COMPILER.compile(e).getAst());
            } catch (CelValidationException | CelEvaluationException failure) {
                throw new IllegalStateException("the CRD has a CEL rule that does not compile: " + e, failure);
            }
        });
    }

    private static void collect(JsonNode schema, String path, List<Rule> rules) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            rules.add(new Rule(path.isEmpty() ? "<root>" : path, rule.path("rule").asText(), rule.path("message").asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            collect(property.getValue(), StructuralDefaults.join(path, property.getKey()), rules);
        }
        if (schema.has("items")) {
            collect(schema.get("items"), path + "[*]", rules);
        }
    }

    /**
     * JSON as the API server hands it to CEL: integers are int (long), objects maps, and a property the schema
     * types as number is a double even when written without a fraction ({@code std: [1, 1, 1]}).
     */
    private static Object toCel(JsonNode node, JsonNode schema) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            JsonNode properties = schema == null ? null : schema.get("properties");
            JsonNode additional = schema == null ? null : schema.get("additionalProperties");
            node.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(e.getValue(),
                    properties != null ? properties.get(e.getKey()) : additional != null && additional.isObject() ? additional : null)));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            JsonNode items = schema == null ? null : schema.get("items");
            node.forEach(n -> list.add(toCel(n, items)));
            return list;
        }
        boolean number = schema != null && "number".equals(schema.path("type").asText());
        if (node.isIntegralNumber() && !number) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
