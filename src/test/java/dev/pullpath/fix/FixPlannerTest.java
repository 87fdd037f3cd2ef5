package dev.pullpath.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixPlannerTest {
  static AccountSnapshot seed(String name) {
    return SnapshotJson.parse(SnapshotJson.readText(Path.of("examples", name)), name);
  }

  static List<Finding> scan(AccountSnapshot snapshot) {
    return new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of()))
        .scan(snapshot, "test", Severity.NOTE).findings();
  }

  @Test
  void printsPlan() {
    AccountSnapshot s = seed("seed-broken.json");
    FixPlan plan = FixPlanner.plan(s, scan(s), new FixOptions(true,
        Map.of("docker-hub", "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Xy12Ab"),
        List.of("10.0.0.0/16"), true));
    System.out.println(FixPlanText.render(plan));
    System.out.println(FixPlanJson.write(plan));
    assertThat(plan.steps()).isNotEmpty();
  }
}
