/**
 * The search history: what a trainer keeps, epoch by epoch, in {@code history.json} of its work dir, inside each
 * checkpoint (a resumed attempt continues it) and inside the exported child (serving shows it as the search report).
 * The root is {@link io.kubenas.api.progress.history.SearchHistory}; every JSON field is described once, on its field,
 * with {@code @JsonPropertyDescription}. Readers ignore fields they do not know and refuse a newer
 * {@code formatVersion}.
 */
package io.kubenas.api.progress.history;
