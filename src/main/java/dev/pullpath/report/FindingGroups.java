package dev.pullpath.report;

import dev.pullpath.check.Finding;
import dev.pullpath.check.ScanResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scan's findings grouped as the text and HTML reports show them: by the resource to change (the
 * default), or by the workload they block.
 *
 * <p>Groups come in order of their first finding, so the most severe problem is read first; inside a
 * group findings keep the result's order. Workloads without findings are kept too, because a report that
 * names what passed is more convincing than one that stays silent about it.
 *
 * @param groups findings per group label; by workload, {@link #ACCOUNT_WIDE} holds findings without one
 * @param okWorkloads workloads of the snapshot that no finding names, in the snapshot's order
 */
record FindingGroups(Map<String, List<Finding>> groups, List<String> okWorkloads) {
  /** The label for findings that belong to no single workload (e.g. a missing read permission). */
  static final String ACCOUNT_WIDE = "account-wide";

  static FindingGroups of(ScanResult result, GroupBy groupBy) {
    Map<String, List<Finding>> groups = new LinkedHashMap<>();
    Set<String> named = new HashSet<>();
    for (Finding finding : result.findings()) {
      named.addAll(finding.workloads());
      for (String label : labelsOf(finding, groupBy)) {
        groups.computeIfAbsent(label, key -> new ArrayList<>()).add(finding);
      }
    }
    List<String> ok = result.workloads().stream().filter(w -> !named.contains(w)).distinct().toList();
    return new FindingGroups(groups, ok);
  }

  private static List<String> labelsOf(Finding finding, GroupBy groupBy) {
    if (groupBy == GroupBy.RESOURCE) {
      return List.of(finding.resource().id() + " (" + finding.resource().type() + ")");
    }
    return finding.workloads().isEmpty() ? List.of(ACCOUNT_WIDE) : finding.workloads();
  }
}
