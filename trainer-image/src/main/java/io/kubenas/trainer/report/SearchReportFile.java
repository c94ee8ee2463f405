package io.kubenas.trainer.report;

import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.history.SearchHistory;
import io.kubenas.trainer.child.ChildArchitecture;
import io.kubenas.trainer.child.ChildDirectory;
import io.kubenas.trainer.child.InvalidChildException;
import io.kubenas.trainer.history.HistoryFile;
import io.kubenas.trainer.manifested.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where reports come from and go: a work dir (its history, and its child once exported) gives {@code report.html}; a
 * child directory that carries its history gives the page {@code serve} answers {@code /report} with.
 */
public final class SearchReportFile {
    private SearchReportFile() {
    }

    /** Writes the report of the search in {@code workDir} to {@value PodContract#REPORT_FILE} there; returns its path. */
    public static Path writeFor(Path workDir) throws IOException, InvalidChildException {
        return write(workDir, workDir.resolve(PodContract.REPORT_FILE));
    }

    /**
     * Writes the report of the search in {@code workDir} to {@code out}, replacing it atomically.
     *
     * @throws io.kubenas.trainer.history.InvalidHistoryException when the work dir has no readable history
     * @throws InvalidChildException when its exported child's architecture is not readable
     */
    public static Path write(Path workDir, Path out) throws IOException, InvalidChildException {
        SearchHistory history = HistoryFile.read(workDir);
        Path childDir = workDir.resolve(PodContract.CHILD_DIR);
        ChildArchitecture child = Files.isDirectory(childDir) ? ChildDirectory.readArchitecture(childDir) : null;
        if (child != null && history.getTest() == null && HistoryFile.existsIn(childDir)) {
            // An attempt resumed after the export (a raised budget) continues the checkpoint's history, which was saved
            // before the child was tested: the child in the work dir keeps its own evaluation until it is replaced.
            history.setTest(HistoryFile.read(childDir).getTest());
        }
        DurableFiles.replaceAtomically(out, ReportPage.html(SearchReport.of(history, child)).getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /**
     * The report page of a verified child, or empty when the child carries no history (it was exported by a kubenas
     * older than histories).
     */
    public static Optional<String> ofChild(Path childDir) throws IOException, InvalidChildException {
        if (!HistoryFile.existsIn(childDir)) {
            return Optional.empty();
        }
        return Optional.of(ReportPage.html(SearchReport.of(HistoryFile.read(childDir), ChildDirectory.readArchitecture(childDir))));
    }
}
