package dev.pullpath.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The outcome of running rules on one snapshot: what was run and what was found, ready for reports.
 *
 * @param rules the rules that ran, in id order (PP000 included when something was not evaluated)
 * @param findings every finding in {@link Finding#REPORT_ORDER}
 * @param workloads every workload of the snapshot, so reports can show the ones without findings
 * @param hidden findings left out by {@link #atLeast}, so a report does not call their rule passed
 * @param suppressed findings suppressed in {@code .pullpath.yml} or known in a baseline: reported and
 *     counted, but not in {@code findings}, so they do not fail the gate
 */
public record ScanResult(
    String accountId,
    String region,
    String source,
    List<RuleDescriptor> rules,
    List<Finding> findings,
    List<String> workloads,
    List<Finding> hidden,
    List<Suppressed> suppressed) {

  public ScanResult {
    rules = List.copyOf(rules);
    findings = findings.stream().sorted(Finding.REPORT_ORDER).toList();
    workloads = List.copyOf(workloads);
    hidden = List.copyOf(hidden);
    suppressed = suppressed == null ? List.of() : suppressed.stream()
        .sorted(java.util.Comparator.comparing(Suppressed::finding, Finding.REPORT_ORDER)).toList();
  }

  public ScanResult(
      String accountId, String region, String source, List<RuleDescriptor> rules, List<Finding> findings,
      List<String> workloads, List<Finding> hidden) {
    this(accountId, region, source, rules, findings, workloads, hidden, List.of());
  }

  /** The same result with these findings taken out of {@code findings} and kept as suppressed. */
  public ScanResult suppress(List<Suppressed> more) {
    java.util.Set<Finding> taken = new java.util.HashSet<>();
    more.forEach(s -> taken.add(s.finding()));
    List<Suppressed> all = new ArrayList<>(suppressed);
    all.addAll(more);
    return new ScanResult(accountId, region, source, rules, findings.stream().filter(f -> !taken.contains(f)).toList(),
        workloads, hidden, all);
  }

  /** Suppressed findings of one kind. */
  public List<Suppressed> suppressed(Suppressed.Kind kind) {
    return suppressed.stream().filter(s -> s.kind() == kind).toList();
  }

  public ScanResult(
      String accountId, String region, String source, List<RuleDescriptor> rules, List<Finding> findings,
      List<String> workloads) {
    this(accountId, region, source, rules, findings, workloads, List.of());
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  /**
   * Whether any finding is at least {@code threshold}: the CI gate's question. PP000 does not count: an
   * unread part is an incomplete scan, which the CLI reports with its own exit code.
   */
  public boolean hasFindingsAtLeast(Severity threshold) {
    return findings.stream()
        .anyMatch(f -> !f.ruleId().equals(NotEvaluated.DESCRIPTOR.id()) && f.severity().isAtLeast(threshold));
  }

  /**
   * The same result with only the findings at or above {@code minimum}, e.g. for --min-severity. PP000 is
   * always kept: it says a rule did not run, and hiding it would show that rule as passed.
   */
  public ScanResult atLeast(Severity minimum) {
    Predicate<Finding> kept =
        f -> f.severity().isAtLeast(minimum) || f.ruleId().equals(NotEvaluated.DESCRIPTOR.id());
    List<Finding> dropped = new ArrayList<>(hidden);
    dropped.addAll(findings.stream().filter(kept.negate()).toList());
    return new ScanResult(accountId, region, source, rules, findings.stream().filter(kept).toList(), workloads,
        dropped, suppressed);
  }


  /** Findings of a rule that {@link #atLeast} left out. */
  public List<Finding> hiddenOf(String ruleId) {
    return hidden.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  /** Whether a rule did not run for lack of input (a PP000 finding names it), so it neither passed nor failed. */
  public boolean notEvaluated(String ruleId) {
    return findings.stream().anyMatch(f -> NotEvaluated.says(f, ruleId));
  }

  public List<Finding> findingsOf(String ruleId) {
    return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }
}
