package dev.pullpath.report;

import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Suppressed;

/** How every report counts what suppressions and the baseline took out: counted, never silently gone. */
final class SuppressedSummary {
  private SuppressedSummary() {}

  /** e.g. {@code 2 suppressed, 5 in baseline}; empty when nothing was taken out. */
  static String phrase(ScanResult result) {
    long suppressed = result.suppressed(Suppressed.Kind.CONFIGURATION).size();
    long baseline = result.suppressed(Suppressed.Kind.BASELINE).size();
    StringBuilder out = new StringBuilder();
    if (suppressed > 0) {
      out.append(suppressed).append(" suppressed");
    }
    if (baseline > 0) {
      out.append(out.isEmpty() ? "" : ", ").append(baseline).append(" in baseline");
    }
    return out.toString();
  }

  /** One line per suppressed finding: rule, resource, workload and why. */
  static String line(Suppressed s) {
    return s.finding().ruleId() + " " + s.finding().resource().id()
        + (s.finding().workloads().isEmpty() ? "" : " (" + TextRenderer.workloadList(s.finding().workloads()) + ")")
        + ": "
        + s.finding().message() + " [" + label(s.kind()) + ": " + s.justification() + "]";
  }

  static String label(Suppressed.Kind kind) {
    return kind == Suppressed.Kind.CONFIGURATION ? "suppressed" : "baseline";
  }
}
