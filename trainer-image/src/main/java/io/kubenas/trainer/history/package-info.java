/**
 * The search history ({@link io.kubenas.api.progress.history.SearchHistory}) as a file: read, written atomically, and
 * checked. What goes into it is the search loop's business ({@code search.HistoryRecorder}); what is drawn from it is
 * the report's ({@code report}).
 */
package io.kubenas.trainer.history;
