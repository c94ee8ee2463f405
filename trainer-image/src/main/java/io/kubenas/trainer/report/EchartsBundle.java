package io.kubenas.trainer.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Apache ECharts' minified bundle, as the webjar {@code org.webjars.npm:echarts} puts it on the classpath at build
 * time: a report inlines it, so viewing one needs no network. Read once per process (about 1 MB).
 */
final class EchartsBundle {
    static final String VERSION = "5.3.1";
    static final String RESOURCE = "META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js";

    private static String script;

    private EchartsBundle() {
    }

    /** The library's JavaScript, checked to be safe inside an inline script element. */
    static synchronized String script() {
        if (script == null) {
            script = load();
        }
        return script;
    }

    private static String load() {
        try (InputStream in = EchartsBundle.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: the build bundles it from org.webjars.npm:echarts:" + VERSION);
            }
            String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Inline, "</script" would end the element early; the bundle has none, and a different one must be looked at, not patched.
            if (js.toLowerCase(Locale.ROOT).contains("</script")) {
                throw new IllegalStateException(RESOURCE + " contains \"</script\" and cannot be inlined into a script element");
            }
            return js;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
