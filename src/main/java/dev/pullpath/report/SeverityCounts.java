package dev.pullpath.report;

import dev.pullpath.check.Finding;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How many findings there are of each severity, phrased the same way in every report
 * ("3 errors, 2 warnings, 1 note").
 */
record SeverityCounts(long errors, long warnings, long notes) {

  static SeverityCounts of(Collection<Finding> findings) {
    long errors = 0;
    long warnings = 0;
    long notes = 0;
    for (Finding finding : findings) {
      switch (finding.severity()) {
        case ERROR -> errors++;
        case WARNING -> warnings++;
        case NOTE -> notes++;
      }
    }
    return new SeverityCounts(errors, warnings, notes);
  }

  long of(Severity severity) {
    return switch (severity) {
      case ERROR -> errors;
      case WARNING -> warnings;
      case NOTE -> notes;
    };
  }

  long total() {
    return errors + warnings + notes;
  }

  /** Every severity, zeros included: "0 errors, 1 warning, 0 notes". Stable for people who grep it. */
  String phrase() {
    List<String> parts = new ArrayList<>();
    for (Severity severity : Severity.values()) {
      parts.add(countOf(severity));
    }
    return String.join(", ", parts);
  }

  /** Only the severities that occur: "2 errors, 1 note"; empty when there are none. */
  String nonZeroPhrase() {
    List<String> parts = new ArrayList<>();
    for (Severity severity : Severity.values()) {
      if (of(severity) > 0) {
        parts.add(countOf(severity));
      }
    }
    return String.join(", ", parts);
  }

  private String countOf(Severity severity) {
    return plural(of(severity), severity.label());
  }

  /** "1 workload", "2,000 workloads": English plural by appending "s", which is all report nouns need. */
  static String plural(long count, String noun) {
    return String.format(java.util.Locale.ROOT, "%,d", count) + " " + noun + (count == 1 ? "" : "s");
  }

  /**
   * "23 problems block 412 of 1,000 workloads": how far the errors reach, the sentence a platform team
   * reads first. "no problem blocks any of 3 workloads" when only warnings or notes remain.
   */
  static String blockPhrase(ScanResult result) {
    long problems = result.blockingProblems().size();
    String of = String.format(java.util.Locale.ROOT, "%,d", result.workloads().size());
    if (problems == 0) {
      return "no problem blocks any of " + plural(result.workloads().size(), "workload");
    }
    return plural(problems, "problem") + (problems == 1 ? " blocks " : " block ")
        + String.format(java.util.Locale.ROOT, "%,d", result.blockedWorkloadCount()) + " of " + of + " workload"
        + (result.workloads().size() == 1 ? "" : "s");
  }
}
