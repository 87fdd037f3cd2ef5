package dev.pullpath.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a rule's per-workload copies of one problem into one finding per root cause.
 *
 * <p>Rules look at the account workload by workload, so a missing endpoint in a VPC of 20 services comes
 * out 20 times. The thing to change is one: copies with the same rule, severity, resource and message are
 * the same problem, and become one finding that lists every workload it blocks, with the union of their
 * evidence. A copy whose fix command differs (a task definition used by two services needs each service
 * moved) keeps every distinct command, one per line, in the order first seen. Linear in the findings.
 */
public final class RootCauses {
  private RootCauses() {}

  public static List<Finding> fold(List<Finding> findings) {
    Map<Key, Accumulator> byCause = new LinkedHashMap<>();
    for (Finding finding : findings) {
      byCause.computeIfAbsent(Key.of(finding), key -> new Accumulator(finding)).add(finding);
    }
    List<Finding> folded = new ArrayList<>(byCause.size());
    for (Accumulator accumulator : byCause.values()) {
      folded.add(accumulator.build());
    }
    return folded;
  }

  private record Key(String ruleId, Severity severity, String resourceId, String message) {
    static Key of(Finding f) {
      return new Key(f.ruleId(), f.severity(), f.resource().id(), f.message());
    }
  }

  private static final class Accumulator {
    private final Finding first;
    private final Set<String> workloads = new LinkedHashSet<>();
    private final Set<String> evidence = new LinkedHashSet<>();
    private final Set<String> commands = new LinkedHashSet<>();

    Accumulator(Finding first) {
      this.first = first;
    }

    void add(Finding finding) {
      workloads.addAll(finding.workloads());
      evidence.addAll(finding.evidence());
      if (finding.fix().cli() != null) {
        commands.add(finding.fix().cli());
      }
    }

    Finding build() {
      String cli = commands.isEmpty() ? null : String.join("\n", commands);
      return new Finding(first.ruleId(), first.severity(), first.resource(), List.copyOf(workloads),
          first.message(), new FixHint(first.fix().summary(), cli), List.copyOf(evidence), first.anchor());
    }
  }
}
