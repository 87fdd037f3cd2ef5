package dev.pullpath.report;

import java.util.Objects;
import java.util.Optional;

/**
 * What a renderer needs besides the scan result.
 *
 * @param toolVersion pullpath's version, shown in every report
 * @param color whether the text report may use ANSI colours; the CLI sets it only when stdout is a
 *     terminal, so redirected output and files stay plain
 * @param sourceText the snapshot file's JSON text when the scan came from a file, {@code null} for a
 *     live scan; SARIF uses it to point each result at the line that names the resource
 * @param sourceFile the file {@code sourceText} is in, when it differs from the scan's source (a live scan
 *     saved with --save-snapshot: the source is {@code aws://ACCOUNT/REGION}, SARIF results point into the
 *     saved file); {@code null} otherwise
 * @param docsUrl where the rule pages are published (--docs-url); {@code null} when not given, and then
 *     reports link to no page (each rule's page is embedded in SARIF and printed by {@code pullpath rules ID})
 * @param groupBy how the text and HTML reports group findings
 */
public record ReportOptions(
    String toolVersion, boolean color, String sourceText, String sourceFile, DocsUrl docsUrl, GroupBy groupBy) {
  public ReportOptions {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(groupBy, "groupBy");
  }

  public ReportOptions(String toolVersion, boolean color, String sourceText) {
    this(toolVersion, color, sourceText, null, null, GroupBy.RESOURCE);
  }

  public ReportOptions(String toolVersion, boolean color, String sourceText, String sourceFile) {
    this(toolVersion, color, sourceText, sourceFile, null, GroupBy.RESOURCE);
  }

  /** The same options for another scan's snapshot text and file. */
  public ReportOptions withSource(String text, String file) {
    return new ReportOptions(toolVersion, color, text, file, docsUrl, groupBy);
  }

  /** The same options with rule pages linked under {@code docs} ({@code null}: no links). */
  public ReportOptions withDocsUrl(DocsUrl docs) {
    return new ReportOptions(toolVersion, color, sourceText, sourceFile, docs, groupBy);
  }

  public ReportOptions withGroupBy(GroupBy grouping) {
    return new ReportOptions(toolVersion, color, sourceText, sourceFile, docsUrl, grouping);
  }

  /** The address of a rule's page, when --docs-url gave where the pages are published. */
  public Optional<String> ruleUri(String ruleId) {
    return docsUrl == null ? Optional.empty() : Optional.of(docsUrl.pageOf(ruleId));
  }

  /** Plain output and no source text: what files and live scans get. */
  public static ReportOptions plain(String toolVersion) {
    return new ReportOptions(toolVersion, false, null);
  }
}
