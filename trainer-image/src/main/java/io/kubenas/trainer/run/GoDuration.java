package io.kubenas.trainer.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations of spec.budget.maxDuration (e.g. {@code 90m}, {@code 2h30m}, {@code 1.5h}). */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(h|m|s)");

    private GoDuration() {
    }

    public static double seconds(String text) {
        Matcher m = PART.matcher(text);
        double total = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
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
