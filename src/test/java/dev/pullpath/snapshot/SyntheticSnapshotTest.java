package dev.pullpath.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmark's generated snapshot loads and carries the faults it promises, so the bench scans real work. */
class SyntheticSnapshotTest {
  @Test
  void aGeneratedSnapshotLoadsAndTripsMostRules() {
    AccountSnapshot snapshot = SnapshotJson.parse(SyntheticSnapshot.json(120), "synthetic");

    assertThat(snapshot.services()).hasSize(120);
    assertThat(snapshot.vpcs()).hasSize(6);
    assertThat(snapshot.services()).allSatisfy(s -> assertThat(snapshot.taskDefinitionOf(s)).isPresent());
    ScanResult result = new Scanner(RuleRegistry.loadInstalled().all()).scan(snapshot, "synthetic", Severity.NOTE);
    Set<String> rules = result.findings().stream().map(Finding::ruleId).collect(Collectors.toSet());
    assertThat(rules).doesNotContain("PP000")
        .contains("PP001", "PP002", "PP003", "PP005", "PP006", "PP007", "PP008", "PP011");
    assertThat(result.workloads()).hasSize(120);
    // Compliant VPCs stay compliant for the network rules, so the bench also measures passing workloads.
    assertThat(result.findings()).noneMatch(f -> f.workloads().contains("cluster-0/svc-1") && f.ruleId().equals("PP002"));
  }
}
