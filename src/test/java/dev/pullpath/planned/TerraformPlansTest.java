package dev.pullpath.planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullpath.check.Finding;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.UnreadablePart;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerraformPlansTest {
  private static final AccountSnapshot SEED = SnapshotJson.read(Path.of("examples/seed-compliant.json"));
  private static final String CONTAINERS =
      "[{\\\"name\\\":\\\"app\\\",\\\"image\\\":\\\"nginx:1.27\\\",\\\"logConfiguration\\\":{\\\"logDriver\\\":"
          + "\\\"awslogs\\\",\\\"options\\\":{\\\"awslogs-group\\\":\\\"/ecs/app\\\"}}}]";

  @Test
  void readsTheTaskDefinitionOfTheExamplePlanAtItsResourceChange() {
    List<PlannedTaskDefinition> read = TerraformPlans.read(Path.of("examples/tfplan-public-image.json"), "plan.json");

    PlannedTaskDefinition td = read.get(0);
    assertThat(read).hasSize(1); // the log group of the same plan is not a task definition
    assertThat(td.address()).isEqualTo("aws_ecs_task_definition.httpd");
    assertThat(td.family()).isEqualTo("httpd");
    assertThat(td.executionRoleArn()).isEqualTo("arn:aws:iam::111122223333:role/ecsTaskExecutionRole");
    assertThat(td.containers()).singleElement().satisfies(c -> {
      assertThat(c.image()).isEqualTo("public.ecr.aws/nginx/nginx:1.27");
      assertThat(c.portMappings()).extracting(p -> p.containerPort()).containsExactly(80);
    });
    assertThat(td.accountHint()).isEqualTo("111122223333");
    assertThat(td.regionHint()).isEqualTo("ap-northeast-1");
    assertThat(td.unknowns()).isEmpty();
    // A value inside a container sits in the container_definitions string of resource_changes[1].change.after.
    assertThat(td.positionOf("/containerDefinitions/0/image").line()).isEqualTo(117);
    assertThat(td.positionOf("/containerDefinitions/0/image").address()).isEqualTo("aws_ecs_task_definition.httpd");
    assertThat(td.positionOf("/executionRoleArn").line()).isEqualTo(120);
    assertThat(td.isExact("/containerDefinitions/0/image")).as("a plan is generated: no text replacement").isFalse();
  }

  @Test
  void valuesKnownOnlyAfterApplyAreStatedAndTheChecksNeedingThemWait() {
    String plan = """
        {"resource_changes": [{"address": "aws_ecs_task_definition.app", "mode": "managed",
          "type": "aws_ecs_task_definition", "name": "app",
          "change": {"actions": ["create"], "after": {"family": "app", "container_definitions": "%s"},
                     "after_unknown": {"execution_role_arn": true, "arn": true}}}]}
        """.formatted(CONTAINERS);

    PlannedTaskDefinition td = TerraformPlans.parse(plan, "p.json").get(0);

    assertThat(td.roleUnknown()).isTrue();
    assertThat(td.executionRoleArn()).isNull();
    assertThat(td.unknowns()).containsExactly("p.json aws_ecs_task_definition.app: execution_role_arn is known only "
        + "after apply (it depends on a resource the plan changes); the execution role is not checked (PP000)");
    PlannedOverlay overlay = PlannedOverlay.of(SEED, List.of(td));
    assertThat(overlay.snapshot().unreadable()).singleElement().satisfies(u -> {
      assertThat(u.part()).isEqualTo(SnapshotPart.IAM_ROLES);
      assertThat(u.isNotGiven()).isTrue();
    });
    assertThat(findings(overlay, "PP007")).isEmpty();
    assertThat(findings(overlay, "PP000")).anySatisfy(f -> assertThat(f.message()).startsWith("PP007"));
  }

  @Test
  void unsetIsNotUnknownInAResourceChange() {
    String plan = """
        {"resource_changes": [{"address": "aws_ecs_task_definition.app", "mode": "managed",
          "type": "aws_ecs_task_definition", "name": "app",
          "change": {"actions": ["create"], "after": {"family": "app", "execution_role_arn": null,
                     "container_definitions": "%s"}, "after_unknown": {"arn": true}}}]}
        """.formatted(CONTAINERS);

    PlannedTaskDefinition td = TerraformPlans.parse(plan, "p.json").get(0);

    assertThat(td.roleUnknown()).isFalse();
    assertThat(td.unknowns()).isEmpty();
    // No execution role at all: the role rule judges it (ECS cannot pull from ECR without one).
    assertThat(findings(PlannedOverlay.of(SEED, List.of(td)), "PP007")).isNotEmpty();
  }

  @Test
  void unknownContainersAreNotCheckedRatherThanPassed() {
    String plan = """
        {"resource_changes": [{"address": "aws_ecs_task_definition.app", "mode": "managed",
          "type": "aws_ecs_task_definition", "name": "app",
          "change": {"actions": ["create"], "after": {"family": "app",
                     "execution_role_arn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole"},
                     "after_unknown": {"container_definitions": true}}}]}
        """;

    PlannedTaskDefinition td = TerraformPlans.parse(plan, "p.json").get(0);

    assertThat(td.containersUnknown()).isTrue();
    assertThat(td.containers()).isEmpty();
    assertThat(td.unknowns()).singleElement().asString().contains("container_definitions is known only after apply");
    PlannedOverlay overlay = PlannedOverlay.of(SEED, List.of(td));
    assertThat(overlay.snapshot().unreadable()).extracting(UnreadablePart::part)
        .containsExactly(SnapshotPart.TASK_DEFINITIONS);
    assertThat(findings(overlay, "PP000")).anySatisfy(f -> assertThat(f.message()).startsWith("PP008"));
  }

  @Test
  void plannedValuesOfChildModulesAreReadWhenNoChangeDescribesThem() {
    String plan = """
        {"planned_values": {"root_module": {"child_modules": [{"address": "module.web", "child_modules": [
          {"address": "module.web.module.task", "resources": [
            {"address": "module.web.module.task.aws_ecs_task_definition.app", "mode": "managed",
             "type": "aws_ecs_task_definition", "name": "app",
             "values": {"family": "web", "container_definitions": "%s"}},
            {"address": "module.web.module.task.data.aws_ecs_task_definition.old", "mode": "data",
             "type": "aws_ecs_task_definition", "name": "old", "values": {"family": "old"}}]}]}]}},
         "configuration": {"provider_config": {"aws": {"expressions": {"region": {"constant_value": "eu-west-1"}}}}}}
        """.formatted(CONTAINERS);

    List<PlannedTaskDefinition> read = TerraformPlans.parse(plan, "p.json");

    assertThat(read).singleElement().satisfies(td -> {
      assertThat(td.address()).isEqualTo("module.web.module.task.aws_ecs_task_definition.app");
      assertThat(td.family()).isEqualTo("web");
      assertThat(td.regionHint()).as("from the provider, no awslogs-region given").isEqualTo("eu-west-1");
      // planned_values leave out values known only after apply: a missing role may be one.
      assertThat(td.roleUnknown()).isTrue();
      assertThat(td.unknowns()).singleElement().asString()
          .contains("execution_role_arn is not in planned_values, which leaves out values known only after apply");
      assertThat(td.positionOf("/family").line()).isEqualTo(5);
    });
  }

  @Test
  void aDestroyedTaskDefinitionIsNotPlannedAndAPlanWithoutOneIsRefused() {
    String plan = """
        {"resource_changes": [{"address": "aws_ecs_task_definition.app", "mode": "managed",
          "type": "aws_ecs_task_definition", "name": "app",
          "change": {"actions": ["delete"], "before": {"family": "app"}, "after": null}}],
         "planned_values": {"root_module": {}}}
        """;

    assertThatThrownBy(() -> TerraformPlans.parse(plan, "p.json")).isInstanceOf(PlannedInputException.class)
        .hasMessageStartingWith("p.json: no resource in the plan that pullpath reads and that will exist after apply "
            + "(aws_ecs_task_definition, aws_vpc_endpoint, aws_security_group,");
  }

  @Test
  void aReplacementIsPlannedWithItsNewValues() {
    String plan = """
        {"resource_changes": [{"address": "aws_ecs_task_definition.app", "mode": "managed",
          "type": "aws_ecs_task_definition", "name": "app",
          "change": {"actions": ["delete", "create"], "before": {"family": "old"},
                     "after": {"family": "app", "container_definitions": "%s"}, "after_unknown": {}}}]}
        """.formatted(CONTAINERS);

    assertThat(TerraformPlans.parse(plan, "p.json")).extracting(PlannedTaskDefinition::family).containsExactly("app");
  }

  @Test
  void inputThatIsNotAPlanIsAOneLineErrorNamingTheFile() {
    assertThatThrownBy(() -> TerraformPlans.parse("{\"format_version\": \"1.0\"}", "p.json"))
        .hasMessageContaining("p.json: not a Terraform plan").hasMessageContaining("terraform show -json PLANFILE");
    assertThatThrownBy(() -> TerraformPlans.parse("\u0000binary", "p.tfplan"))
        .isInstanceOf(PlannedInputException.class).hasMessageStartingWith("p.tfplan: not JSON");
    String badContainers = """
        {"resource_changes": [{"address": "aws_ecs_task_definition.app", "mode": "managed",
          "type": "aws_ecs_task_definition", "name": "app",
          "change": {"actions": ["create"], "after": {"family": "app",
                     "container_definitions": "[{\\"name\\": \\"app\\"}]"}, "after_unknown": {}}}]}
        """;
    assertThatThrownBy(() -> TerraformPlans.parse(badContainers, "p.json")).isInstanceOf(PlannedInputException.class)
        .hasMessage("p.json aws_ecs_task_definition.app container_definitions at /0/image: a non-empty string is "
            + "required");
  }

  private static List<Finding> findings(PlannedOverlay overlay, String ruleId) {
    ScanResult result = new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of()))
        .scan(overlay.snapshot(), "test", Severity.NOTE);
    return result.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }
}
