package io.kubenas.trainer.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link SearchReport} as one self-contained HTML page: the template ({@code report.html}), its style and
 * script, ECharts ({@link EchartsBundle}) and the report's data as JSON, all inline. The page's Content-Security-Policy
 * allows no fetch at all, so a report that tried to load anything would show it as an error in the browser.
 *
 * <p>The data goes into a {@code <script type="application/json">} element, which the browser does not parse as
 * HTML until {@code </script}: every {@code <}, {@code >} and {@code &} in it is written as a JSON {@code \\u}
 * escape, so no value (a search name, a class name) can end the element or open another. The page's script reads it
 * with {@code JSON.parse} and puts text into the page only as text, never as markup.
 */
public final class ReportPage {
    /** The id of the element holding the report's data. */
    public static final String DATA_ELEMENT_ID = "kubenas-report-data";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    static {
        JSON.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
    }

    private ReportPage() {
    }

    public static String html(SearchReport report) {
        String title = "kubenas search report: " + report.summary().search();
        Map<String, String> values = Map.of(
                "title", escapeHtml(title),
                "style", resource("report.css"),
                "data", json(report),
                "echarts", EchartsBundle.script(),
                "script", resource("report.js"));
        // One pass over the template only: placeholders inside inserted text (the library, the data) are never expanded.
        Matcher m = PLACEHOLDER.matcher(resource("report.html"));
        StringBuilder page = new StringBuilder(values.values().stream().mapToInt(String::length).sum() + 4096);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("report.html has an unknown placeholder {{" + m.group(1) + "}}");
            }
            m.appendReplacement(page, Matcher.quoteReplacement(value));
        }
        m.appendTail(page);
        return page.toString();
    }

    /** The report's data as the page embeds it. */
    static String json(SearchReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a SearchReport is plain data and always serialises", e);
        }
    }

    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report's " + name + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report's " + name, e);
        }
    }

    /** JSON escapes that keep a value from being read as markup inside a script element. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        ScriptSafeEscapes() {
            ascii['<'] = ESCAPE_STANDARD;
            ascii['>'] = ESCAPE_STANDARD;
            ascii['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Line and paragraph separators end a line in JavaScript source, though not in JSON.
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
