package dev.pullpath.planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.UnreadablePart;
import dev.pullpath.snapshot.VpcEndpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VPC endpoints of templates and plans laid over the account, replacing or adding endpoints. */
class PlannedEndpointsTest {
  private static final AccountSnapshot BROKEN = SnapshotJson.read(Path.of("examples/seed-broken.json"));
  private static final AccountSnapshot COMPLIANT = SnapshotJson.read(Path.of("examples/seed-compliant.json"));
  /** The compliant seed without its ecr.api and ecr.dkr endpoints: PP001 and PP002 fail there. */
  private static final AccountSnapshot WITHOUT_ECR = withoutEcrEndpoints(COMPLIANT);

  @Test
  void aTemplateThatAddsTheMissingEndpointsClearsPp001AndPp002() {
    PlannedResources template = CloudFormationTemplates.readAll(Path.of("examples/cfn-endpoints.yaml"), "e.yaml");

    assertThat(template.taskDefinitions()).isEmpty();
    assertThat(template.endpoints()).extracting(PlannedEndpoint::address).containsExactly("EcrApiEndpoint", "EcrDkrEndpoint");
    PlannedEndpoint api = template.endpoints().get(0);
    assertThat(api.subnetIds()).as("a List<Subnet::Id> parameter's default")
        .containsExactly("subnet-0aa1111111111111a", "subnet-0cc2222222222222c");
    assertThat(api.securityGroupIds()).containsExactly("sg-0endpoints00000001");
    assertThat(api.unknowns()).isEmpty();
    assertThat(ruleIds(scan(WITHOUT_ECR))).contains("PP001", "PP002");

    PlannedOverlay overlay = PlannedOverlay.of(WITHOUT_ECR, template);

    assertThat(overlay.snapshot().endpoints("vpc-0a1b2c3d4e5f60001", "com.amazonaws.ap-northeast-1.ecr.api"))
        .singleElement().satisfies(e -> {
          assertThat(e.isAvailable()).isTrue();
          assertThat(e.privateDnsEnabled()).isTrue();
          assertThat(e.vpcEndpointId()).isEqualTo("EcrApiEndpoint");
        });
    assertThat(overlay.snapshot().unreadable()).isEmpty();
    assertThat(scan(overlay.snapshot()).findings()).isEmpty();
  }

  @Test
  void unresolvableValuesAreStatedAndTheEndpointChecksWait() {
    String template = """
        Resources:
          Subnet: {Type: AWS::EC2::Subnet}
          Vpc: {Type: AWS::EC2::VPC}
          Api:
            Type: AWS::EC2::VPCEndpoint
            Properties:
              VpcEndpointType: Interface
              ServiceName: !Sub com.amazonaws.${AWS::Region}.ecr.api
              VpcId: !Ref Vpc
              SubnetIds: [!Ref Subnet]
              PrivateDnsEnabled: true
        """;

    PlannedEndpoint api = CloudFormationTemplates.parseAll(template, "t.yaml").endpoints().get(0);
    PlannedOverlay overlay = PlannedOverlay.of(WITHOUT_ECR, new PlannedResources(List.of(), List.of(api)));

    assertThat(api.unknowns()).containsExactly("t.yaml Api: SubnetIds are [{\"Ref\":\"Subnet\"}], which pullpath "
        + "cannot resolve; the endpoint checks wait (PP000)");
    assertThat(overlay.snapshot().unreadable()).extracting(UnreadablePart::part)
        .containsExactlyInAnyOrder(SnapshotPart.VPC_ENDPOINTS);
    assertThat(overlay.notes()).contains(api.unknowns().get(0)).anySatisfy(n -> assertThat(n).contains("its VPC is "
        + "unknown"));
    List<Finding> findings = scan(overlay.snapshot()).findings();
    assertThat(ruleIds(findings)).doesNotContain("PP001", "PP002");
    assertThat(findings).anySatisfy(f -> assertThat(f.message()).startsWith("PP001"));
  }

  @Test
  void withoutSecurityGroupsTheVpcsDefaultGroupIsUsedOrTheGroupChecksWait() {
    String template = """
        Resources:
          Api:
            Type: AWS::EC2::VPCEndpoint
            Properties:
              VpcEndpointType: Interface
              ServiceName: com.amazonaws.ap-northeast-1.ecr.api
              SubnetIds: [subnet-0aa1111111111111a, subnet-0cc2222222222222c]
              PrivateDnsEnabled: true
        """;
    PlannedResources planned = CloudFormationTemplates.parseAll(template, "t.yaml");

    PlannedOverlay overlay = PlannedOverlay.of(WITHOUT_ECR, planned);

    VpcEndpoint api = overlay.snapshot().endpoints("vpc-0a1b2c3d4e5f60001", "com.amazonaws.ap-northeast-1.ecr.api")
        .get(0);
    assertThat(api.vpcId()).as("the VPC of its subnets").isEqualTo("vpc-0a1b2c3d4e5f60001");
    assertThat(overlay.snapshot().unreadable()).extracting(UnreadablePart::part)
        .containsExactly(SnapshotPart.SECURITY_GROUPS);
    assertThat(overlay.notes()).anySatisfy(n -> assertThat(n).contains("no security group given, and the VPC's "
        + "default group is not in the account"));
  }

  @Test
  void aTerraformUpdateReplacesTheEndpointAndItsFindingsPointAtTheResource() {
    String plan = """
        {"resource_changes": [{"address": "module.net.aws_vpc_endpoint.ecr_dkr", "mode": "managed",
          "type": "aws_vpc_endpoint", "name": "ecr_dkr",
          "change": {"actions": ["update"], "after": {"id": "vpce-0ecrdkr0000000001",
            "service_name": "com.amazonaws.ap-northeast-1.ecr.dkr", "vpc_id": "vpc-0a1b2c3d4e5f60001",
            "vpc_endpoint_type": "Interface", "subnet_ids": ["subnet-0cc2222222222222c"],
            "security_group_ids": ["sg-0endpoints00000001"], "private_dns_enabled": true,
            "policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}"},
            "after_unknown": {}}}]}
        """;

    PlannedOverlay overlay = PlannedOverlay.of(BROKEN, TerraformPlans.parseAll(plan, "p.json"));

    assertThat(overlay.snapshot().vpcEndpoints()).filteredOn(e -> e.vpcEndpointId().equals("vpce-0ecrdkr0000000001"))
        .singleElement().satisfies(e -> assertThat(e.subnetIds()).containsExactly("subnet-0cc2222222222222c"));
    // Now the endpoint misses ap-northeast-1a, where both services run.
    Finding pp002 = overlay.locate(scan(overlay.snapshot())).findings().stream()
        .filter(f -> f.ruleId().equals("PP002")).findFirst().orElseThrow();
    assertThat(pp002.resource().id()).isEqualTo("vpce-0ecrdkr0000000001");
    assertThat(pp002.position().file()).isEqualTo("p.json");
    assertThat(pp002.position().line()).isEqualTo(1);
    assertThat(pp002.position().address()).isEqualTo("module.net.aws_vpc_endpoint.ecr_dkr");
    assertThat(pp002.fix().cli()).as("a command would be undone by the next apply").isNull();
    assertThat(pp002.fix().summary()).endsWith("Change module.net.aws_vpc_endpoint.ecr_dkr in p.json (its Terraform "
        + "configuration) before deploying.");
    assertThat(pp002.evidence()).contains("planned as module.net.aws_vpc_endpoint.ecr_dkr in p.json");
  }

  @Test
  void aPolicyKnownOnlyAfterApplyIsTheDefaultWhenNotConfiguredElseUnknown() {
    String plan = """
        {"resource_changes": [{"address": "aws_vpc_endpoint.s3", "mode": "managed", "type": "aws_vpc_endpoint",
          "name": "s3", "change": {"actions": ["create"], "after": {"service_name": "com.amazonaws.ap-northeast-1.s3",
            "vpc_id": "vpc-0a1b2c3d4e5f60001", "vpc_endpoint_type": "Gateway", "route_table_ids": ["rtb-0main000000000001"],
            "private_dns_enabled": false}, "after_unknown": {"policy": true, "id": true, "security_group_ids": true}}}],
         "configuration": {"root_module": {"resources": [{"address": "aws_vpc_endpoint.s3",
            "expressions": {%s}}]}}}
        """;

    PlannedEndpoint unset = TerraformPlans.parseAll(plan.formatted(""), "p.json").endpoints().get(0);
    PlannedEndpoint computed = TerraformPlans.parseAll(
        plan.formatted("\"policy\": {\"references\": [\"data.aws_iam_policy_document.s3.json\"]}"), "p.json")
        .endpoints().get(0);

    assertThat(unset.policy()).as("AWS attaches its full-access default").isNull();
    assertThat(unset.unknownParts()).isEmpty();
    assertThat(unset.unknowns()).containsExactly("p.json aws_vpc_endpoint.s3: policy is not set in the "
        + "configuration, so AWS attaches its default full-access policy");
    assertThat(computed.unknownParts()).containsExactly(SnapshotPart.VPC_ENDPOINTS);
    assertThat(computed.unknowns()).singleElement().asString()
        .isEqualTo("p.json aws_vpc_endpoint.s3: policy is known only after apply (it depends on a resource the plan "
            + "changes); the endpoint checks wait (PP000)");
    // The new gateway serves the main table, so the 1c subnet gets its S3 route.
    PlannedOverlay overlay = PlannedOverlay.of(BROKEN, new PlannedResources(List.of(), List.of(unset)));
    assertThat(ruleIds(scan(BROKEN))).contains("PP003");
    assertThat(ruleIds(scan(overlay.snapshot()))).doesNotContain("PP003");
  }

  @Test
  void endpointsAloneNeedTheAccountTheyLandIn() {
    PlannedResources template = CloudFormationTemplates.readAll(Path.of("examples/cfn-endpoints.yaml"), "e.yaml");

    assertThatThrownBy(() -> PlannedOverlay.of(null, template)).isInstanceOf(PlannedInputException.class)
        .hasMessage("e.yaml: planned VPC endpoints, security groups, roles and cache rules are checked in the "
            + "account they land in: give --snapshot FILE or --region REGION");
  }

  private static ScanResult scan(AccountSnapshot snapshot) {
    return new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of())).scan(snapshot, "test", Severity.NOTE);
  }

  private static List<String> ruleIds(ScanResult result) {
    return ruleIds(result.findings());
  }

  private static List<String> ruleIds(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).toList();
  }

  private static AccountSnapshot withoutEcrEndpoints(AccountSnapshot s) {
    List<VpcEndpoint> kept = s.vpcEndpoints().stream()
        .filter(e -> !e.serviceName().endsWith(".ecr.api") && !e.serviceName().endsWith(".ecr.dkr")).toList();
    return new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(), s.subnets(),
        s.routeTables(), kept, s.securityGroups(), s.services(), s.taskDefinitions(), s.pullThroughCacheRules(),
        s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable(), s.managedPrefixLists(),
        s.repositories(), s.logGroups());
  }
}
