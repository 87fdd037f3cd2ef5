package dev.pullpath.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.fix.FixOptions;
import dev.pullpath.fix.FixPlan;
import dev.pullpath.fix.FixPlanner;
import dev.pullpath.fix.Unfixed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Over every rule fixture (hundreds of account variations): each finding a plan does not resolve is listed as not
 * fixed, with its reason. A finding that is neither would pass the rescan's proof unnoticed, so a run would
 * report success with the error still there.
 */
class FixPlanCoversEveryFindingTest {
  private static final FixOptions ALL = new FixOptions(true,
      Map.of("docker-hub", "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Xy12Ab"),
      List.of("10.0.0.0/16"), true);

  @Test
  void everyFindingIsPlannedOrListedAsNotFixed() throws Exception {
    Scanner scanner = new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of()));
    List<String> dropped = new ArrayList<>();
    for (RuleFixture fixture : RuleFixture.all()) {
      List<Finding> findings = scanner.scan(fixture.snapshot(), "fixture", Severity.NOTE).findings();
      for (FixOptions options : List.of(FixOptions.defaults(), ALL)) {
        FixPlan plan = FixPlanner.plan(fixture.snapshot(), findings, options);
        Set<String> covered = new HashSet<>(plan.plannedFingerprints());
        plan.unfixed().stream().map(Unfixed::fingerprints).forEach(covered::addAll);
        // The planner's own reasons name the cause; the catch-all would mean a case it does not know.
        plan.unfixed().stream().filter(u -> u.reason().startsWith("what --fix would change for it is in place already"))
            .forEach(u -> dropped.add(fixture.file().getFileName() + " (" + (options == ALL ? "all options" : "defaults")
                + "): caught only by the catch-all: " + u.ruleId() + " " + u.resourceId()));
        findings.stream().filter(f -> !covered.contains(f.fingerprint()))
            .forEach(f -> dropped.add(fixture.file().getFileName() + " (" + (options == ALL ? "all options" : "defaults")
                + "): " + f.ruleId() + " " + f.resource().id() + ": " + f.message()));
      }
    }
    assertThat(dropped).isEmpty();
  }
}
