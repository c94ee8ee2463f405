package io.kubenas.api.v1alpha1;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of {@code spec.budget.maxDuration} (the CRD's pattern: {@code 90m}, {@code 2h30m}, {@code 1.5h}) in
 * seconds. Here, next to the field, so that the operator (the Job's deadline) and the trainer (its own stop)
 * read it the same way.
 */
public final class MaxDuration {
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(h|m|s)");

    private MaxDuration() {
    }

    /** Seconds of {@code text}; throws {@link IllegalArgumentException} when it does not match the pattern. */
    public static double seconds(String text) {
        Matcher m = PART.matcher(text);
        double total = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double value = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> value * 3600;
                case "m" -> value * 60;
                default -> value;
            };
            end = m.end();
        }
        if (end != text.length() || end == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 90m or 2h30m");
        }
        return total;
    }
}
