package dev.pullpath.gate;

import dev.pullpath.check.Finding;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Suppressed;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the repository's decisions to a scan result: suppressions from {@code .pullpath.yml}, then the
 * baseline. What they take out is kept as suppressed (reported and counted), never dropped.
 *
 * @param notes what the user should know: expired suppressions, suppressions that matched nothing
 */
public record Gate(ScanResult result, List<String> notes) {

  /**
   * @param config {@code null} when there is no configuration file
   * @param baseline {@code null} without {@code --baseline}
   */
  public static Gate apply(ScanResult scanned, GateConfig config, Baseline baseline, LocalDate today) {
    List<String> notes = new ArrayList<>();
    ScanResult result = scanned;
    if (config != null && !config.suppressions().isEmpty()) {
      List<Suppressed> suppressed = new ArrayList<>();
      List<Finding> findings = new ArrayList<>();
      Set<Suppression> used = new HashSet<>();
      for (Finding finding : scanned.findings()) {
        List<Suppression> matching = config.suppressions().stream().filter(s -> s.matches(finding)).toList();
        used.addAll(matching);
        Optional<Suppression> holding = matching.stream().filter(s -> !s.expiredOn(today)).findFirst();
        if (holding.isPresent()) {
          suppressed.add(new Suppressed(finding, Suppressed.Kind.CONFIGURATION, holding.get().reason()));
        } else if (!matching.isEmpty()) {
          Suppression expired = matching.get(0);
          findings.add(withEvidence(finding, "suppression " + expired.display() + " in " + config.file()
              + " expired on " + expired.expires() + "; it no longer suppresses (" + expired.reason() + ")"));
        } else {
          findings.add(finding);
        }
      }
      for (Suppression s : config.suppressions()) {
        if (s.expiredOn(today) && used.contains(s)) {
          notes.add(config.file() + ": suppression " + s.display() + " expired on " + s.expires()
              + "; its findings count again");
        } else if (!used.contains(s)) {
          notes.add(config.file() + ": suppression " + s.display() + " matches no finding; remove it if the problem is fixed");
        }
      }
      result = new ScanResult(scanned.accountId(), scanned.region(), scanned.source(), scanned.rules(), findings,
          scanned.workloads(), scanned.hidden(), scanned.notEvaluated(), scanned.suppressed()).suppress(suppressed);
    }
    if (baseline != null) {
      List<Suppressed> known = result.findings().stream()
          .filter(f -> baseline.fingerprints().contains(f.fingerprint()))
          .map(f -> new Suppressed(f, Suppressed.Kind.BASELINE, "in baseline " + baseline.file()))
          .toList();
      result = result.suppress(known);
    }
    return new Gate(result, notes);
  }

  private static Finding withEvidence(Finding finding, String line) {
    List<String> evidence = new ArrayList<>(finding.evidence());
    evidence.add(line);
    return new Finding(finding.ruleId(), finding.severity(), finding.resource(), finding.workloads(),
        finding.message(), finding.fix(), evidence, finding.anchor());
  }
}
