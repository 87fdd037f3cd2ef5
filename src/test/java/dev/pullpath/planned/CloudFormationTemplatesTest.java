package dev.pullpath.planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullpath.check.SourcePosition;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.UnreadablePart;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudFormationTemplatesTest {
  private static final AccountSnapshot SEED = SnapshotJson.read(Path.of("examples/seed-compliant.json"));

  @Test
  void readsShortFormIntrinsicsAndResolvesParametersAndPseudoParameters() {
    List<PlannedTaskDefinition> read =
        CloudFormationTemplates.read(Path.of("examples/cfn-taskdef-public-image.yaml"), "t.yaml");

    PlannedTaskDefinition td = read.get(0).resolvePseudoParameters("111122223333", "ap-northeast-1");
    assertThat(read).hasSize(1);
    assertThat(td.family()).isEqualTo("httpd");
    assertThat(td.executionRoleArn()).isEqualTo("arn:aws:iam::111122223333:role/ecsTaskExecutionRole");
    assertThat(td.containers().get(0).image()).isEqualTo("public.ecr.aws/nginx/nginx:1.27");
    assertThat(td.containers().get(0).logOptions())
        .containsEntry("awslogs-group", "/ecs/httpd").containsEntry("awslogs-region", "ap-northeast-1");
    assertThat(td.unknowns()).isEmpty();
    // The API pointer maps onto the template's keys; the span covers the tag and its value.
    assertThat(td.positionOf("/containerDefinitions/0/image")).isEqualTo(new SourcePosition("t.yaml", 22, 18, 22, 61));
    assertThat(td.positionOf("/executionRoleArn").line()).isEqualTo(19);
  }

  @Test
  void whatCannotBeResolvedIsStatedAndNeverGuessed() {
    String template = """
        {"Resources": {
          "Role": {"Type": "Custom::RoleFromALambda"},
          "Td": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
            "ExecutionRoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
            "ContainerDefinitions": [
              {"Name": "app", "Image": {"Fn::Join": ["", ["nginx", ":", "1.27"]]}},
              {"Name": "side", "Image": {"Fn::If": ["UseX", "x", "y"]}}]}}}}
        """;

    PlannedTaskDefinition td = CloudFormationTemplates.parse(template, "t.json").get(0);

    assertThat(td.family()).isEqualTo("Td");
    assertThat(td.containers()).singleElement().satisfies(c -> assertThat(c.image()).isEqualTo("nginx:1.27"));
    assertThat(td.roleUnknown()).isTrue();
    assertThat(td.unknowns()).containsExactly(
        "t.json Td: Family not set; checked as family Td",
        "t.json Td: ExecutionRoleArn is Fn::GetAtt [\"Role\",\"Arn\"], which pullpath cannot resolve; the execution "
            + "role is not checked (PP000)",
        "t.json Td: container side has Image Fn::If [\"UseX\",\"x\",\"y\"], which pullpath cannot resolve; its image "
            + "is not checked");
    PlannedOverlay overlay = PlannedOverlay.of(SEED, List.of(td));
    assertThat(overlay.snapshot().unreadable()).singleElement().satisfies(u -> {
      assertThat(u.part()).isEqualTo(SnapshotPart.IAM_ROLES);
      assertThat(u.isNotGiven()).isTrue();
    });
    assertThat(overlay.notes()).containsAll(td.unknowns());
    // The report itself says what could not be resolved: the PP000 finding quotes the statements.
    var scanned = overlay.locate(new dev.pullpath.check.Scanner(dev.pullpath.check.RuleRegistry.loadInstalled().all())
        .scan(overlay.snapshot(), "t.json", dev.pullpath.check.Severity.NOTE));
    assertThat(scanned.findingsOf("PP000")).anySatisfy(f -> assertThat(f.evidence()).contains(
        "planned files: t.json Td: ExecutionRoleArn is Fn::GetAtt [\"Role\",\"Arn\"], which pullpath cannot "
            + "resolve; the execution role is not checked (PP000)"));
  }

  @Test
  void findingsPointAtTheRightContainerAndReplaceOnlyWholeScalars() {
    String template = """
        Resources:
          Td:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              ExecutionRoleArn: arn:aws:iam::111122223333:role/ecsTaskExecutionRole
              ContainerDefinitions:
                - Name: unknown
                  Image: !GetAtt Repo.RepositoryUri
                - Name: joined
                  Image: !Join ["", [nginx, ":1.27"]]
                - Name: plain
                  Image: busybox:1.36
        """;
    PlannedTaskDefinition td = CloudFormationTemplates.parse(template, "t.yaml").get(0);
    PlannedOverlay overlay = PlannedOverlay.of(SEED, List.of(td));
    dev.pullpath.check.ScanResult scanned = new dev.pullpath.check.Scanner(
        List.of(dev.pullpath.check.RuleRegistry.loadInstalled().select(List.of("PP008"), List.of()).get(0)))
        .scan(overlay.snapshot(), "seed", dev.pullpath.check.Severity.NOTE);

    List<dev.pullpath.check.Finding> findings = overlay.locate(scanned).findings();

    assertThat(td.containers()).extracting(c -> c.name()).containsExactly("joined", "plain");
    assertThat(findings).hasSize(2).allSatisfy(f -> assertThat(f.position()).isNotNull());
    dev.pullpath.check.Finding joined = findings.stream().filter(f -> f.message().contains("nginx")).findFirst().orElseThrow();
    dev.pullpath.check.Finding plain = findings.stream().filter(f -> f.message().contains("busybox")).findFirst().orElseThrow();
    assertThat(joined.position().line()).isEqualTo(11);
    assertThat(joined.anchor().replacement()).as("built by Fn::Join: no text replacement").isNull();
    assertThat(plain.position()).isEqualTo(new SourcePosition("t.yaml", 13, 18, 13, 30));
    assertThat(plain.anchor().replacement()).endsWith("/docker-hub/library/busybox:1.36");
  }

  @Test
  void refusesWhatIsNoTemplateOfATaskDefinition() {
    assertThatThrownBy(() -> CloudFormationTemplates.parse("a: [", "t.yaml"))
        .isInstanceOf(PlannedInputException.class).hasMessageStartingWith("t.yaml: not a JSON or YAML template");
    assertThatThrownBy(() -> CloudFormationTemplates.parse("Resources:\n  B: {Type: AWS::S3::Bucket}\n", "t.yaml"))
        .hasMessageStartingWith("t.yaml: no resource in the template that pullpath reads (AWS::ECS::TaskDefinition, "
            + "AWS::EC2::VPCEndpoint, AWS::EC2::SecurityGroup");
    assertThatThrownBy(() -> CloudFormationTemplates.parse("Foo: 1\n", "t.yaml"))
        .hasMessage("t.yaml: a template needs a Resources section");
  }

  @Test
  void unknownNotGivenPartsAreMarkedSo() {
    assertThat(UnreadablePart.notGiven(SnapshotPart.VPCS, "x").isNotGiven()).isTrue();
    assertThat(new UnreadablePart(SnapshotPart.VPCS, "ec2:DescribeVpcs", "AccessDenied").isNotGiven()).isFalse();
  }
}
