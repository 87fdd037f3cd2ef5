package dev.pullpath.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.awsfix.FakeAccount;
import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.fix.ChangeLog;
import dev.pullpath.fix.FixApplier;
import dev.pullpath.fix.FixOptions;
import dev.pullpath.fix.FixPlan;
import dev.pullpath.fix.FixPlanner;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.TaskDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Over every rule fixture the stateful fake can hold, with all options and with none: the plan applies, none of
 * the findings it claims remains, and a second run plans nothing that writes. A step that claims a finding it does not fix fails the rescan's proof on every run;
 * one that is planned again after applying never converges.
 */
class FixAppliedOverFixturesTest {
  private static final FixOptions ALL = new FixOptions(true,
      Map.of("docker-hub", "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Xy12Ab"),
      List.of("10.0.0.0/16"), true);

  /** The fake answers task definitions by full ARN, and the simulator from the role's policies only. */
  private static boolean fakeCanHold(AccountSnapshot snapshot) {
    Set<String> arns = snapshot.taskDefinitions().stream().map(TaskDefinition::taskDefinitionArn).collect(Collectors.toSet());
    return snapshot.simulations().isEmpty() && snapshot.services().stream().allMatch(s -> arns.contains(s.taskDefinitionArn()));
  }

  @Test
  void everyPlanAppliesConvergesAndFixesWhatItClaims() throws Exception {
    Scanner scanner = new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of()));
    List<String> problems = new ArrayList<>();
    int applied = 0;
    for (RuleFixture fixture : RuleFixture.all()) {
     for (FixOptions options : List.of(ALL, FixOptions.defaults())) {
      if (!fakeCanHold(fixture.snapshot())) {
        continue;
      }
      String name = fixture.file().getParent().getFileName() + "/" + fixture.file().getFileName()
          + (options == ALL ? "" : " (defaults)");
      FakeAccount account = new FakeAccount(fixture.snapshot());
      FixPlan plan = FixPlanner.plan(account.snapshot(), scanner.scan(account.snapshot(), "f", Severity.NOTE).findings(),
          options);
      if (plan.steps().isEmpty()) {
        continue;
      }
      applied++;
      FixApplier.Report report = new FixApplier(account.writer(Duration.ZERO, Duration.ofMillis(50)), ChangeLog.NONE)
          .apply(plan);
      report.results().stream().filter(r -> r.outcome() == FixApplier.Outcome.FAILED
              || r.outcome() == FixApplier.Outcome.REFUSED)
          .forEach(r -> problems.add(name + ": " + r.step().id() + " " + r.outcome() + ": " + r.message()));
      List<Finding> after = scanner.scan(account.snapshot(), "f", Severity.NOTE).findings();
      after.stream().filter(f -> plan.plannedFingerprints().contains(f.fingerprint()))
          .forEach(f -> problems.add(name + ": claimed but still there: " + f.ruleId() + " " + f.message()));
      FixPlan again = FixPlanner.plan(account.snapshot(), after, options);
      // A revision whose services stay is listed again (a scan reads the revisions services run) but claims
      // nothing, and applying it writes nothing: it is there already.
      again.steps().stream().filter(st -> !(st.id().startsWith("register-task-definition-revision:")
              && st.resolves().isEmpty()))
          .forEach(st -> problems.add(name + ": planned again: " + st.id()));
      int writes = account.writes.size();
      new FixApplier(account.writer(Duration.ZERO, Duration.ofMillis(50)), ChangeLog.NONE).apply(again);
      if (account.writes.size() != writes) {
        problems.add(name + ": the second run wrote " + account.writes.subList(writes, account.writes.size()));
      }
     }
    }
    assertThat(applied).as("fixtures whose plan was applied").isGreaterThan(80);
    assertThat(problems).isEmpty();
  }
}
