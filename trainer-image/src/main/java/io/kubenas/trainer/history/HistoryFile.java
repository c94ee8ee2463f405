package io.kubenas.trainer.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.history.SearchHistory;
import io.kubenas.trainer.manifested.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@value PodContract#HISTORY_FILE}: a {@link SearchHistory} as compact JSON (nulls left out), the same bytes in the
 * work dir, in a checkpoint and in the exported child. Unknown fields are ignored on reading, so a newer trainer's
 * additions do not stop an older reader; a newer {@code formatVersion} does.
 */
public final class HistoryFile {
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private HistoryFile() {
    }

    /** The history file in {@code dir} (a work dir, a checkpoint or a child). */
    public static Path in(Path dir) {
        return dir.resolve(PodContract.HISTORY_FILE);
    }

    public static byte[] bytes(SearchHistory history) {
        try {
            return JSON.writeValueAsBytes(history);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SearchHistory is plain data and always serialises", e);
        }
    }

    /** A deep copy, through JSON: what a checkpoint holds must not change with the live history. */
    public static SearchHistory copy(SearchHistory history) {
        try {
            return JSON.readValue(bytes(history), SearchHistory.class);
        } catch (IOException e) {
            throw new IllegalStateException("a SearchHistory reads back what it wrote", e);
        }
    }

    /** Replaces the history file in {@code dir} atomically (see {@link DurableFiles#replaceAtomically}). */
    public static void write(Path dir, SearchHistory history) throws IOException {
        DurableFiles.replaceAtomically(in(dir), bytes(history));
    }

    /** True when {@code dir} holds a history file (valid or not). */
    public static boolean existsIn(Path dir) {
        return Files.isRegularFile(in(dir));
    }

    /**
     * The history in {@code dir}.
     *
     * @throws InvalidHistoryException when there is none, it is not a history, or it is of a newer format
     */
    public static SearchHistory read(Path dir) throws InvalidHistoryException {
        Path file = in(dir);
        if (!Files.isRegularFile(file)) {
            throw new InvalidHistoryException("no search history in " + dir + " (" + PodContract.HISTORY_FILE
                    + " is missing): a search's work dir holds one once the search has started training");
        }
        SearchHistory history;
        try {
            history = JSON.readValue(Files.readAllBytes(file), SearchHistory.class);
        } catch (JacksonException e) {
            throw new InvalidHistoryException(file + " is not a search history: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidHistoryException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (history == null || history.getFormatVersion() == null) {
            throw new InvalidHistoryException(file + " is not a search history: it has no formatVersion");
        }
        if (history.getFormatVersion() > SearchHistory.FORMAT_VERSION) {
            throw new InvalidHistoryException(file + " has format version " + history.getFormatVersion() + ", newer than this kubenas reads ("
                    + SearchHistory.FORMAT_VERSION + "): use a newer kubenas");
        }
        return history;
    }
}
