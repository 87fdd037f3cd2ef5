package dev.pullpath.check;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import java.util.ArrayList;
import java.util.List;

/** Runs rules over a snapshot. Rules whose inputs were not collected are reported under PP000. */
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
    boolean anyNotEvaluated = false;
    for (Rule rule : rules) {
      ran.add(rule.descriptor());
      List<Finding> gaps = NotEvaluated.findingsFor(rule.descriptor(), snapshot);
      if (gaps.isEmpty()) {
        findings.addAll(rule.check(snapshot));
      } else {
        findings.addAll(gaps);
        anyNotEvaluated = true;
      }
    }
    List<RuleDescriptor> evaluated = rules.stream().map(Rule::descriptor)
        .filter(d -> NotEvaluated.findingsFor(d, snapshot).isEmpty()).toList();
    List<Finding> workloadGaps = NotEvaluated.workloadGapsFor(evaluated, snapshot);
    if (!workloadGaps.isEmpty()) {
      findings.addAll(workloadGaps);
      anyNotEvaluated = true;
    }
    // Rules report PP000 themselves for a resource they cannot judge (a policy that does not parse).
    anyNotEvaluated |= findings.stream().anyMatch(f -> f.ruleId().equals(NotEvaluated.DESCRIPTOR.id()));
    if (anyNotEvaluated) {
      ran.add(0, NotEvaluated.DESCRIPTOR);
    }
    List<String> workloads = snapshot.services().stream().map(EcsService::workloadName).toList();
    return new ScanResult(snapshot.accountId(), snapshot.region(), source, ran, findings, workloads).atLeast(minimum);
  }
}
