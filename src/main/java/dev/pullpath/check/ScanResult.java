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
 * @param notEvaluated ids of rules that skipped something they should have judged (an unread part, a
 *     workload whose task definition is missing, a policy that does not parse), reported under PP000: a
 *     report must not call such a rule passed
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
    java.util.Set<String> notEvaluated,
    List<Suppressed> suppressed) {

  public ScanResult {
    rules = List.copyOf(rules);
    findings = findings.stream().sorted(Finding.REPORT_ORDER).toList();
    workloads = List.copyOf(workloads);
    hidden = List.copyOf(hidden);
    notEvaluated = notEvaluated == null ? java.util.Set.of() : java.util.Set.copyOf(notEvaluated);
    suppressed = suppressed == null ? List.of() : suppressed.stream()
        .sorted(java.util.Comparator.comparing(Suppressed::finding, Finding.REPORT_ORDER)).toList();
  }

  public ScanResult(
      String accountId, String region, String source, List<RuleDescriptor> rules, List<Finding> findings,
      List<String> workloads, List<Finding> hidden) {
    this(accountId, region, source, rules, findings, workloads, hidden, java.util.Set.of(), List.of());
  }

  public ScanResult(
      String accountId, String region, String source, List<RuleDescriptor> rules, List<Finding> findings,
      List<String> workloads, List<Finding> hidden, java.util.Set<String> notEvaluated) {
    this(accountId, region, source, rules, findings, workloads, hidden, notEvaluated, List.of());
  }

  /** The same result with these findings taken out of {@code findings} and kept as suppressed. */
  public ScanResult suppress(List<Suppressed> more) {
    java.util.Set<Finding> taken = new java.util.HashSet<>();
    more.forEach(s -> taken.add(s.finding()));
    List<Suppressed> all = new ArrayList<>(suppressed);
    all.addAll(more);
    return new ScanResult(accountId, region, source, rules, findings.stream().filter(f -> !taken.contains(f)).toList(),
        workloads, hidden, notEvaluated, all);
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

  /**
   * Errors that stop a pull, PP000 aside (it says a check did not run, not that a pull fails): the
   * "problems" of the summary line.
   */
  public List<Finding> blockingProblems() {
    return findings.stream()
        .filter(f -> f.severity() == Severity.ERROR && !f.ruleId().equals(NotEvaluated.DESCRIPTOR.id()))
        .toList();
  }

  /** The scanned workloads that at least one {@link #blockingProblems() problem} blocks. */
  public long blockedWorkloadCount() {
    java.util.Set<String> blocked = new java.util.HashSet<>();
    for (Finding problem : blockingProblems()) {
      blocked.addAll(problem.workloads());
    }
    return blocked.size();
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
        dropped, notEvaluated, suppressed);
  }


  /** Whether the rule skipped something it should have judged, so that PP000 reports it in its place. */
  public boolean wasNotEvaluated(String ruleId) {
    return notEvaluated.contains(ruleId);
  }

  /** Findings of a rule that {@link #atLeast} left out. */
  public List<Finding> hiddenOf(String ruleId) {
    return hidden.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  public List<Finding> findingsOf(String ruleId) {
    return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }
}
