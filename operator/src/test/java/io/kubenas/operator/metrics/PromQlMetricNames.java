package io.kubenas.operator.metrics;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, by a lexer small enough to read: what is not a metric name (strings,
 * label matchers, ranges, label lists of {@code by}/{@code on}/..., functions and keywords) is removed first, and every
 * identifier left must be one. Grafana's template queries ({@code label_values(metric{...}, label)}) are read too.
 */
final class PromQlMetricNames {
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*\\}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\[\\]]*\\]");
    private static final Pattern LABEL_LISTS = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(.+?)\\s*,\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring", "group_left",
            "group_right", "offset", "bool", "inf", "nan", "atan2");

    private PromQlMetricNames() {
    }

    /** The metric names of a PromQL expression. */
    static Set<String> of(String expression) {
        String rest = STRINGS.matcher(expression).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = LABEL_LISTS.matcher(rest).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            boolean function = identifier.group(2) != null;
            if (!function && !KEYWORDS.contains(identifier.group(1).toLowerCase())) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    /** The metric names of a Grafana template query for Prometheus: {@code label_values(<selector>, <label>)}. */
    static Set<String> ofTemplateQuery(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query.strip());
        if (!labelValues.matches()) {
            throw new AssertionError("not a template query this test reads (label_values(<selector>, <label>)): " + query);
        }
        return of(labelValues.group(1));
    }
}
