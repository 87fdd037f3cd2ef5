package dev.pullpath.report;

import java.util.Objects;

/**
 * What a renderer needs besides the scan result.
 *
 * @param toolVersion pullpath's version, shown in every report
 * @param color whether the text report may use ANSI colours; the CLI sets it only when stdout is a
 *     terminal, so redirected output and files stay plain
 * @param sourceText the snapshot file's JSON text when the scan came from a file, {@code null} for a
 *     live scan; SARIF uses it to point each result at the line that names the resource
 * @param groupBy how the text and HTML reports group findings
 */
public record ReportOptions(String toolVersion, boolean color, String sourceText, GroupBy groupBy) {
  public ReportOptions {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(groupBy, "groupBy");
  }

  public ReportOptions(String toolVersion, boolean color, String sourceText) {
    this(toolVersion, color, sourceText, GroupBy.RESOURCE);
  }

  public ReportOptions withSourceText(String text) {
    return new ReportOptions(toolVersion, color, text, groupBy);
  }

  /** Plain output and no source text: what files and live scans get. */
  public static ReportOptions plain(String toolVersion) {
    return new ReportOptions(toolVersion, false, null);
  }
}
