package dev.pullpath.planned;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SnapshotJson;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Planned ECS services of templates and plans, added to the account or replacing a service. */
class PlannedServicesTest {
  private static final AccountSnapshot BROKEN = SnapshotJson.read(Path.of("examples/seed-broken.json"));

  private static final String API_SERVICE = """
      Resources:
        Api:
          Type: AWS::ECS::Service
          Properties:
            Cluster: arn:aws:ecs:ap-northeast-1:111122223333:cluster/seed-cluster
            ServiceName: api-service
            TaskDefinition: api
            NetworkConfiguration:
              AwsvpcConfiguration:
                Subnets: [%s]
                SecurityGroups: [sg-0apiservice0000001]
      """;

  @Test
  void aServiceUpdateMovingIntoTheSubnetOnTheMainTableGetsPp003() {
    String workload = "seed-cluster/api-service";
    assertThat(workloadsOf(scan(BROKEN), "PP003")).doesNotContain(workload);

    PlannedOverlay same = PlannedOverlay.of(BROKEN,
        CloudFormationTemplates.parseAll(API_SERVICE.formatted("subnet-0aa1111111111111a"), "t.yaml"));
    PlannedOverlay moved = PlannedOverlay.of(BROKEN, CloudFormationTemplates.parseAll(
        API_SERVICE.formatted("subnet-0aa1111111111111a, subnet-0cc2222222222222c"), "t.yaml"));

    assertThat(moved.snapshot().services()).filteredOn(s -> s.workloadName().equals(workload)).singleElement()
        .satisfies(s -> {
          assertThat(s.subnetIds()).containsExactly("subnet-0aa1111111111111a", "subnet-0cc2222222222222c");
          assertThat(s.taskDefinitionArn()).endsWith("task-definition/api:7");
          assertThat(s.clusterArn()).as("kept from the account").isNotNull();
        });
    assertThat(workloadsOf(scan(same.snapshot()), "PP003")).doesNotContain(workload);
    assertThat(workloadsOf(scan(moved.snapshot()), "PP003")).contains(workload);
  }

  @Test
  void aServiceRunningTheTemplatesTaskDefinitionReplacesItsStandIn() throws Exception {
    String template = Files.readString(Path.of("examples/cfn-taskdef-public-image-fixed.yaml"))
        .replace("Cluster: seed-cluster", "Cluster: seed-cluster\n      SchedulingStrategy: REPLICA")
        .replace("ServiceName: httpd-service", "ServiceName: worker")
        .replace("Family: httpd", "Family: worker")
        .replaceAll("Subnets: .*", "Subnets: [subnet-0cc2222222222222c]");

    PlannedOverlay overlay = PlannedOverlay.of(BROKEN, CloudFormationTemplates.parseAll(template, "t.yaml"));

    assertThat(overlay.planned()).containsOnlyKeys("seed-cluster/worker");
    assertThat(overlay.snapshot().services()).extracting(EcsService::workloadName)
        .contains("seed-cluster/worker").doesNotContain("planned/worker");
    assertThat(overlay.notes()).noneSatisfy(n -> assertThat(n).contains("no service runs family worker"));
    assertThat(workloadsOf(scan(overlay.snapshot()), "PP003")).contains("seed-cluster/worker");
  }

  @Test
  void aTerraformServiceNamesThePlannedTaskDefinitionByReferenceAndUnknownSubnetsAreStated() {
    String plan = """
        {"resource_changes": [
          {"address": "aws_ecs_service.api", "mode": "managed", "type": "aws_ecs_service", "name": "api",
           "change": {"actions": ["create"], "after": {"name": "api-2", "cluster": "seed-cluster",
             "launch_type": "FARGATE", "network_configuration": [{"subnets": [%s],
               "security_groups": ["sg-0apiservice0000001"], "assign_public_ip": false}]},
             "after_unknown": {"task_definition": true, "id": true, "network_configuration": [{"subnets": %s}]}}}%s],
         "configuration": {"root_module": {"resources": [{"address": "aws_ecs_service.api",
            "expressions": {"task_definition": {"references": ["aws_ecs_task_definition.api.arn", "aws_ecs_task_definition.api"]}}}]}}}
        """;

    PlannedResources known = TerraformPlans.parseAll(plan.formatted("\"subnet-0cc2222222222222c\"", "false", ""), "p.json");
    assertThat(known.services()).singleElement().satisfies(s -> {
      assertThat(s.taskDefinition()).isEqualTo("planned:aws_ecs_task_definition.api");
      assertThat(s.subnetIds()).containsExactly("subnet-0cc2222222222222c");
    });
    // The plan registers no such task definition and the account has none: stated, the service checks wait.
    PlannedOverlay overlay = PlannedOverlay.of(BROKEN, known);
    assertThat(overlay.notes()).contains("p.json aws_ecs_service.api: task definition "
        + "planned:aws_ecs_task_definition.api is neither in the account nor planned; the service checks wait (PP000)");
    assertThat(scan(overlay.snapshot()).findings()).extracting(Finding::ruleId).contains("PP000");

    String association = """
        , {"address": "aws_route_table_association.c", "mode": "managed", "type": "aws_route_table_association",
           "name": "c", "change": {"actions": ["create"], "after": {"subnet_id": "subnet-0cc2222222222222c",
             "route_table_id": "rtb-0private0000000001"}, "after_unknown": {"id": true}}}""";
    PlannedResources later = TerraformPlans.parseAll(plan.formatted("", "true", association), "p.json");
    assertThat(later.services()).isEmpty();
    assertThat(later.notes()).singleElement().asString().startsWith("p.json aws_ecs_service.api: "
        + "network_configuration.subnets is known only after apply");
  }

  @Test
  void aTerraformServiceRunsTheTaskDefinitionTheSamePlanRegisters() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode plan = (com.fasterxml.jackson.databind.node.ObjectNode)
        json.readTree(Path.of("examples/tfplan-public-image-fixed.json").toFile());
    ((com.fasterxml.jackson.databind.node.ArrayNode) plan.get("resource_changes")).add(json.readTree("""
        {"address": "aws_ecs_service.worker", "mode": "managed", "type": "aws_ecs_service", "name": "worker",
         "change": {"actions": ["create"], "after": {"name": "worker", "cluster": "seed-cluster",
           "network_configuration": [{"subnets": ["subnet-0cc2222222222222c"], "security_groups": [],
             "assign_public_ip": false}]}, "after_unknown": {"task_definition": true}}}"""));
    ((com.fasterxml.jackson.databind.node.ArrayNode) plan.path("configuration").path("root_module").path("resources"))
        .add(json.readTree("""
            {"address": "aws_ecs_service.worker", "mode": "managed", "type": "aws_ecs_service", "name": "worker",
             "expressions": {"task_definition": {"references": ["aws_ecs_task_definition.httpd.arn",
               "aws_ecs_task_definition.httpd"]}}}"""));

    PlannedResources read = TerraformPlans.parseAll(json.writeValueAsString(plan), "p.json");
    assertThat(read.services()).singleElement().extracting(PlannedService::taskDefinition).isEqualTo("httpd");
    PlannedOverlay overlay = PlannedOverlay.of(BROKEN, read);
    assertThat(overlay.planned()).containsKeys("seed-cluster/worker", "seed-cluster/httpd-service");
    assertThat(overlay.snapshot().services()).filteredOn(s -> s.workloadName().equals("seed-cluster/worker"))
        .singleElement().satisfies(s -> assertThat(s.taskDefinitionArn()).endsWith("task-definition/httpd:2"));
  }

  private static List<String> workloadsOf(ScanResult result, String ruleId) {
    return result.findings().stream().filter(f -> f.ruleId().equals(ruleId)).flatMap(f -> f.workloads().stream())
        .toList();
  }

  private static ScanResult scan(AccountSnapshot snapshot) {
    return new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of())).scan(snapshot, "test", Severity.NOTE);
  }
}
