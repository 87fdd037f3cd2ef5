package dev.pullpath.fix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SyntheticSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * --print-fix-policy: a policy IAM takes (at least one statement, within a managed policy's 6,144
 * characters) that allows every write of the plan on every resource the plan names, and the preflight.
 */
class FixPolicyTest {
  static final FixOptions ALL = new FixOptions(true, Map.of(), List.of("10.0.0.0/8"), true);

  static FixPlan plan(AccountSnapshot snapshot) {
    List<Finding> findings = new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of()))
        .scan(snapshot, "test", Severity.NOTE).findings();
    return FixPlanner.plan(snapshot, findings, ALL);
  }

  @Test
  void aSmallPlansPolicyNamesEachResourceAndCoversEveryWrite() throws Exception {
    FixPlan plan = plan(SnapshotJson.parse(SnapshotJson.readText(Path.of("examples/seed-broken.json")), "seed"));
    JsonNode policy = new ObjectMapper().readTree(FixPolicy.render(plan));

    assertThat(FixPolicy.widenedNote(plan)).isNull();
    assertThat(policy.toString()).contains("security-group/sg-0endpoints00000001");
    assertCoversEveryWrite(plan, policy);
  }

  @Test
  void aLargePlansPolicyIsWidenedToFitAManagedPolicyAndStillCoversEveryWrite() throws Exception {
    FixPlan plan = plan(SnapshotJson.parse(SyntheticSnapshot.json(1000), "synthetic-1000"));
    assertThat(plan.steps()).hasSizeGreaterThan(100);
    String text = FixPolicy.render(plan);
    JsonNode policy = new ObjectMapper().readTree(text);

    assertThat(policy.toString().length()).isLessThanOrEqualTo(FixPolicy.MANAGED_POLICY_LIMIT);
    assertThat(FixPolicy.widenedNote(plan)).contains("6144").contains("security-group/*");
    // Widened to resource types of the plan's own account and region, never to "*".
    for (JsonNode statement : policy.get("Statement")) {
      if (!statement.get("Sid").asText().equals("PullpathFixReads")) {
        for (JsonNode resource : resources(statement)) {
          assertThat(resource.asText()).startsWith("arn:aws:").contains(":" + plan.accountId() + ":");
        }
      }
    }
    assertCoversEveryWrite(plan, policy);
  }

  @Test
  void theWidenedResourceIsItsTypeInTheSameAccountAndRegion() {
    assertThat(FixPolicy.resourceType("arn:aws:ecs:eu-west-1:111122223333:service/c/s"))
        .isEqualTo("arn:aws:ecs:eu-west-1:111122223333:service/*");
    assertThat(FixPolicy.resourceType("arn:aws:ecs:eu-west-1:111122223333:task-definition/api:*"))
        .isEqualTo("arn:aws:ecs:eu-west-1:111122223333:task-definition/*");
    assertThat(FixPolicy.resourceType("arn:aws:iam::111122223333:role/path/r"))
        .isEqualTo("arn:aws:iam::111122223333:role/*");
  }

  @Test
  void anEmptyPlansPolicyStillHasAStatementThePreflight() throws Exception {
    FixPlan plan = plan(SnapshotJson.parse(SnapshotJson.readText(Path.of("examples/seed-compliant.json")), "seed"));
    assertThat(plan.steps()).isEmpty();

    JsonNode policy = new ObjectMapper().readTree(FixPolicy.render(plan));

    assertThat(policy.get("Statement")).singleElement().satisfies(s -> assertThat(s.toString())
        .contains("iam:SimulatePrincipalPolicy").contains("arn:aws:iam::111122223333:role/*"));
  }

  /** Every (write action, resource) of every step is allowed by some statement, as IAM matches wildcards. */
  static void assertCoversEveryWrite(FixPlan plan, JsonNode policy) {
    List<String> uncovered = new ArrayList<>();
    for (FixStep step : plan.steps()) {
      for (String action : step.iamActions()) {
        for (String resource : step.action().iamResources(plan.region(), plan.accountId())) {
          boolean allowed = false;
          for (JsonNode statement : policy.get("Statement")) {
            boolean actionMatches = false;
            for (JsonNode a : statement.get("Action").isArray() ? statement.get("Action") : List.of(statement.get("Action"))) {
              actionMatches |= a.asText().equals(action);
            }
            for (JsonNode r : resources(statement)) {
              allowed |= actionMatches && glob(r.asText()).matcher(resource).matches();
            }
          }
          if (!allowed) {
            uncovered.add(action + " on " + resource);
          }
        }
      }
    }
    assertThat(uncovered).isEmpty();
  }

  static List<JsonNode> resources(JsonNode statement) {
    JsonNode r = statement.get("Resource");
    List<JsonNode> all = new ArrayList<>();
    if (r.isArray()) {
      r.forEach(all::add);
    } else {
      all.add(r);
    }
    return all;
  }

  static Pattern glob(String iamPattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : iamPattern.split("\\*", -1)) {
      regex.append(Pattern.quote(part)).append(".*");
    }
    return Pattern.compile(regex.substring(0, regex.length() - 2));
  }
}
