package dev.pullpath.report;

import dev.pullpath.check.ScanResult;
import java.util.Objects;

/**
 * One account/region pair's result with the snapshot text it came from, as a report of several pairs
 * needs it: SARIF points each pair's results into that pair's own snapshot file.
 *
 * @param sourceText the snapshot JSON, {@code null} when there is no file (a live scan not saved)
 */
public record ScanReport(ScanResult result, String sourceText) {
  public ScanReport {
    Objects.requireNonNull(result, "result");
  }
}
