package dev.pullpath.report;

import dev.pullpath.check.ScanResult;
import java.util.Objects;

/**
 * One account/region pair's result with the snapshot text it came from, as a report of several pairs
 * needs it: SARIF points each pair's results into that pair's own snapshot file.
 *
 * @param sourceText the snapshot JSON, {@code null} when there is no file (a live scan not saved)
 * @param sourceFile the file {@code sourceText} is in when it is not the result's source (a live scan saved
 *     with --save-snapshot), else {@code null}
 */
public record ScanReport(ScanResult result, String sourceText, String sourceFile) {
  public ScanReport {
    Objects.requireNonNull(result, "result");
  }

  public ScanReport(ScanResult result, String sourceText) {
    this(result, sourceText, null);
  }
}
