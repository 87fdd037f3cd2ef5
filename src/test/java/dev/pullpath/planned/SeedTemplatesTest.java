package dev.pullpath.planned;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/cfn-seed-broken.yaml} and {@code cfn-seed-fixed.yaml} (and their Terraform twins
 * {@code tfplan-seed-*.json}) over an account stripped of what they declare give the rule ids of the
 * snapshots they are equivalent to.
 */
class SeedTemplatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::111122223333:role/ecsTaskExecutionRole";

  @Test
  void theFixedTemplateOverTheStrippedAccountIsTheCompliantSeed() throws Exception {
    AccountSnapshot compliant = SnapshotJson.read(Path.of("examples/seed-compliant.json"));

    PlannedOverlay overlay = PlannedOverlay.of(stripped(),
        CloudFormationTemplates.readAll(Path.of("examples/cfn-seed-fixed.yaml"), "cfn-seed-fixed.yaml"));

    assertThat(overlay.snapshot().unreadable()).isEmpty();
    assertThat(overlay.notes()).isEmpty();
    assertThat(ruleIds(overlay.snapshot())).isEqualTo(ruleIds(compliant)).isEmpty();
  }

  @Test
  void theBrokenTemplateOverTheStrippedAccountFailsAsItsSnapshotTwin() throws Exception {
    PlannedOverlay overlay = PlannedOverlay.of(stripped(),
        CloudFormationTemplates.readAll(Path.of("examples/cfn-seed-broken.yaml"), "cfn-seed-broken.yaml"));

    TreeSet<String> planned = ruleIds(overlay.snapshot());
    // The public image is not pulled through the cache, so the role and cache rule are not what blocks it.
    assertThat(planned).isEqualTo(ruleIds(brokenTwin()))
        .containsExactly("PP001", "PP002", "PP004", "PP005", "PP008");
  }

  @Test
  void theTerraformPlansGiveTheSameRuleIdsAsTheTemplates() throws Exception {
    PlannedOverlay fixed = PlannedOverlay.of(stripped(),
        TerraformPlans.readAll(Path.of("examples/tfplan-seed-fixed.json"), "tfplan-seed-fixed.json"));
    PlannedOverlay broken = PlannedOverlay.of(stripped(),
        TerraformPlans.readAll(Path.of("examples/tfplan-seed-broken.json"), "tfplan-seed-broken.json"));

    assertThat(fixed.snapshot().unreadable()).isEmpty();
    assertThat(broken.snapshot().unreadable()).isEmpty();
    assertThat(fixed.snapshot().securityGroup("planned:aws_security_group.endpoints")).isPresent();
    assertThat(ruleIds(fixed.snapshot())).isEmpty();
    assertThat(ruleIds(broken.snapshot())).isEqualTo(ruleIds(brokenTwin()))
        .containsExactly("PP001", "PP002", "PP004", "PP005", "PP008");
  }

  /** The compliant seed without what the templates declare: the role keeps only its managed policy. */
  private static ObjectNode strippedTree() throws Exception {
    ObjectNode seed = (ObjectNode) JSON.readTree(Files.readString(Path.of("examples/seed-compliant.json")));
    ArrayNode endpoints = (ArrayNode) seed.get("vpcEndpoints");
    for (int i = endpoints.size() - 1; i >= 0; i--) {
      if (endpoints.get(i).path("type").asText().equals("Interface")) {
        endpoints.remove(i);
      }
    }
    ArrayNode groups = (ArrayNode) seed.get("securityGroups");
    for (int i = groups.size() - 1; i >= 0; i--) {
      if (groups.get(i).path("groupId").asText().equals("sg-0endpoints00000001")) {
        groups.remove(i);
      }
    }
    seed.putArray("pullThroughCacheRules");
    ((ObjectNode) seed.get("iamRoles").get(0)).remove("inlinePolicies");
    return seed;
  }

  private static AccountSnapshot stripped() throws Exception {
    return SnapshotJson.parse(strippedTree().toString(), "stripped");
  }

  /** The stripped account with the broken template's resources as a collector would read them. */
  private static AccountSnapshot brokenTwin() throws Exception {
    ObjectNode seed = strippedTree();
    ObjectNode broken = (ObjectNode) JSON.readTree(Files.readString(Path.of("examples/seed-broken.json")));
    ((ArrayNode) seed.get("securityGroups")).add(broken.get("securityGroups").get(0));
    ((ArrayNode) seed.get("vpcEndpoints")).add(broken.get("vpcEndpoints").get(0));
    seed.set("pullThroughCacheRules", broken.get("pullThroughCacheRules"));
    ((ObjectNode) seed.get("taskDefinitions").get(0).get("containers").get(0))
        .put("image", "public.ecr.aws/docker/library/httpd:latest");
    assertThat(seed.get("iamRoles").get(0).path("arn").asText()).isEqualTo(ROLE);
    return SnapshotJson.parse(seed.toString(), "broken twin");
  }

  private static TreeSet<String> ruleIds(AccountSnapshot snapshot) {
    List<Finding> findings = new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of()))
        .scan(snapshot, "test", Severity.NOTE).findings();
    return new TreeSet<>(findings.stream().map(Finding::ruleId).toList());
  }
}
