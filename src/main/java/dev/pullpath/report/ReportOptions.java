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
 * @param sourceFile the file {@code sourceText} is in, when it differs from the scan's source (a live scan
 *     saved with --save-snapshot: the source is {@code aws://ACCOUNT/REGION}, SARIF results point into the
 *     saved file); {@code null} otherwise
 */
public record ReportOptions(String toolVersion, boolean color, String sourceText, String sourceFile) {
  public ReportOptions {
    Objects.requireNonNull(toolVersion, "toolVersion");
  }

  public ReportOptions(String toolVersion, boolean color, String sourceText) {
    this(toolVersion, color, sourceText, null);
  }

  /** Plain output and no source text: what files and live scans get. */
  public static ReportOptions plain(String toolVersion) {
    return new ReportOptions(toolVersion, false, null);
  }
}
