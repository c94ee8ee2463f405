/**
 * The search report: one self-contained HTML page drawn from a search history (and the exported child, when there is
 * one) with Apache ECharts, inlined. {@link io.kubenas.trainer.report.SearchReport} shapes the data of every chart,
 * {@link io.kubenas.trainer.report.ReportPage} renders the page, {@link io.kubenas.trainer.report.SearchReportFile}
 * reads a work dir or a child and writes {@code report.html}. {@code kubenas report}, the end of a search and
 * {@code serve}'s {@code /report} all go through them.
 */
package io.kubenas.trainer.report;
