package dev.pullpath.report;

import dev.pullpath.check.Finding;
import dev.pullpath.check.ScanResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scan's findings grouped by the workload they break, as the text and HTML reports show them.
 *
 * <p>Groups come in order of their first finding, so the workload with the most severe problem is read
 * first; inside a group findings keep the result's order. Workloads without findings are kept too,
 * because a report that names what passed is more convincing than one that stays silent about it.
 *
 * @param groups findings per workload label, {@link #ACCOUNT_WIDE} for findings without a workload
 * @param okWorkloads workloads of the snapshot that have no finding, in the snapshot's order
 */
record WorkloadGroups(Map<String, List<Finding>> groups, List<String> okWorkloads) {
  /** The label for findings that belong to no single workload (e.g. a missing read permission). */
  static final String ACCOUNT_WIDE = "account-wide";

  static WorkloadGroups of(ScanResult result) {
    Map<String, List<Finding>> groups = new LinkedHashMap<>();
    for (Finding finding : result.findings()) {
      groups.computeIfAbsent(labelOf(finding), label -> new ArrayList<>()).add(finding);
    }
    List<String> ok = result.workloads().stream().filter(w -> !groups.containsKey(w)).distinct().toList();
    return new WorkloadGroups(groups, ok);
  }

  static String labelOf(Finding finding) {
    return finding.workload() == null ? ACCOUNT_WIDE : finding.workload();
  }

  /** How many real workloads (not the account-wide group) have findings. */
  long workloadsWithFindings() {
    return groups.keySet().stream().filter(label -> !label.equals(ACCOUNT_WIDE)).count();
  }

  boolean hasAccountWide() {
    return groups.containsKey(ACCOUNT_WIDE);
  }

  /** "in 2 workloads", "in 1 workload and account-wide", "account-wide"; where the findings are. */
  String wherePhrase() {
    long workloads = workloadsWithFindings();
    if (workloads == 0) {
      return hasAccountWide() ? ACCOUNT_WIDE : "";
    }
    return "in " + SeverityCounts.plural(workloads, "workload") + (hasAccountWide() ? " and " + ACCOUNT_WIDE : "");
  }
}
