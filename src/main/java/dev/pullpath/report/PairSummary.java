package dev.pullpath.report;

import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.ScanResult;

/**
 * One account/region pair's line in the summary that opens a report of several pairs.
 *
 * @param notEvaluated PP000 findings: checks that did not run, e.g. because the account could not be entered
 */
record PairSummary(
    String accountId, String region, String source, SeverityCounts counts, long problems, long blockedWorkloads,
    long workloads, long notEvaluated) {

  static PairSummary of(ScanResult result) {
    return new PairSummary(result.accountId(), result.region(), result.source(), SeverityCounts.of(result.findings()),
        result.blockingProblems().size(), result.blockedWorkloadCount(), result.workloads().size(),
        result.findingsOf(NotEvaluated.DESCRIPTOR.id()).size());
  }

  /** "incomplete", "blocked" or "ok": the pair's verdict in one word. */
  String status() {
    if (notEvaluated > 0) {
      return "incomplete";
    }
    return problems > 0 ? "blocked" : "ok";
  }
}
