package io.kubenas.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
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

/**
 * Evaluates the CRD's CEL rules ({@code x-kubernetes-validations}) on a defaulted object, as the API
 * server does on create. Transition rules (those that use {@code oldSelf}) only apply to updates and are
 * skipped here; {@link #transitionRules} lists them for tests.
 */
final class CelRules {
    /** A rule as found in the schema: where it sits, its expression and its message. */
    record Rule(String path, String expression, String message) {
        boolean isTransition() {
            return expression.contains("oldSelf");
        }
    }

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            // has(), all(), exists() ... are macros that Kubernetes enables and CEL-Java leaves off by default.
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

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
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            if (expression.contains("oldSelf")) {
                continue;
            }
            if (!holds(expression, node)) {
                problems.add(new ValidationProblem(path.isEmpty() ? "<root>" : path, rule.path("message").asText(expression)));
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
            if (expression.contains("oldSelf") && !holds(expression, newNode, oldNode)) {
                problems.add(new ValidationProblem(path.isEmpty() ? "<root>" : path, rule.path("message").asText(expression)));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            evaluateTransition(property.getValue(), newNode.get(property.getKey()), oldNode.get(property.getKey()),
                    StructuralDefaults.join(path, property.getKey()), problems);
        }
    }

    static boolean holds(String expression, JsonNode self) {
        return holds(expression, self, null);
    }

    static boolean holds(String expression, JsonNode self, JsonNode oldSelf) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("self", toCel(self));
            if (oldSelf != null) {
                variables.put("oldSelf", toCel(oldSelf));
            }
            Object result = RUNTIME.createProgram(ast).eval(variables);
            return Boolean.TRUE.equals(result);
        } catch (CelValidationException e) {
            throw new IllegalStateException("the CRD has a CEL rule that does not compile: " + expression, e);
        } catch (CelEvaluationException e) {
            // The API server reports a rule that cannot be evaluated (e.g. a type error) as a failure.
            return false;
        }
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

    /** JSON as CEL sees it: integers are int (long), other numbers double, objects maps. */
    private static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toCel(n)));
            return list;
        }
        if (node.isIntegralNumber()) {
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
