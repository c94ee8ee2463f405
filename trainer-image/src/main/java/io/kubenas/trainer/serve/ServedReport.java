package io.kubenas.trainer.serve;

import io.kubenas.trainer.child.InvalidChildException;
import io.kubenas.trainer.report.SearchReportFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The search report of the served child, rendered once when the child is loaded (the child never changes while it is
 * served), or why there is none. A report that cannot be made never stops serving: inference is what the pod is for.
 */
@ApplicationScoped
public class ServedReport {
    private static final Logger LOG = Logger.getLogger(ServedReport.class);

    private volatile String html;
    private volatile String absence = "no child is loaded yet";

    /** Renders the report of the verified child in {@code childDir}. */
    public void load(Path childDir) {
        try {
            Optional<String> page = SearchReportFile.ofChild(childDir);
            html = page.orElse(null);
            absence = page.isPresent() ? null : "the served child carries no search history (it was exported by an older kubenas)";
        } catch (IOException | InvalidChildException | RuntimeException e) {
            html = null;
            absence = "the served child's search history cannot be shown: " + e.getMessage();
            LOG.warnf("no search report for %s: %s", childDir, e.getMessage());
        }
    }

    /** The page, or empty when there is none ({@link #absence} says why). */
    public Optional<String> page() {
        return Optional.ofNullable(html);
    }

    public String absence() {
        return absence;
    }
}
