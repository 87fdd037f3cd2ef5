package dev.pullpath.check;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs rules over a snapshot, one finding per root cause ({@link RootCauses}). Rules whose inputs were not
 * collected are reported under PP000.
 */
public final class Scanner {
  private final List<Rule> rules;

  public Scanner(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * @param source where the snapshot came from (a file path or {@code aws://ACCOUNT/REGION}), for reports
   * @param minimum findings below this severity are dropped
   */
  public ScanResult scan(AccountSnapshot snapshot, String source, Severity minimum) {
    List<Finding> findings = new ArrayList<>();
    List<RuleDescriptor> ran = new ArrayList<>();
    List<RuleDescriptor> evaluated = new ArrayList<>();
    Set<String> notEvaluated = new TreeSet<>();
    for (Rule rule : rules) {
      ran.add(rule.descriptor());
      List<Finding> gaps = NotEvaluated.findingsFor(rule.descriptor(), snapshot);
      if (gaps.isEmpty()) {
        List<Finding> own = rule.check(snapshot);
        // Rules report PP000 themselves for a resource they cannot judge (a policy that does not parse).
        if (own.stream().anyMatch(f -> f.ruleId().equals(NotEvaluated.DESCRIPTOR.id()))) {
          notEvaluated.add(rule.descriptor().id());
        }
        findings.addAll(RootCauses.fold(own));
        evaluated.add(rule.descriptor());
      } else {
        findings.addAll(gaps);
        notEvaluated.add(rule.descriptor().id());
      }
    }
    NotEvaluated.WorkloadGaps workloadGaps = NotEvaluated.workloadGapsFor(evaluated, snapshot);
    findings.addAll(workloadGaps.findings());
    notEvaluated.addAll(workloadGaps.skippedBy());
    if (!notEvaluated.isEmpty()) {
      ran.add(0, NotEvaluated.DESCRIPTOR);
    }
    List<String> workloads = snapshot.services().stream().map(EcsService::workloadName).toList();
    return new ScanResult(snapshot.accountId(), snapshot.region(), source, ran, findings, workloads, List.of(),
        notEvaluated).atLeast(minimum);
  }
}
