package dev.pullpath.planned;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Planned security groups, roles and cache rules of templates and plans, laid over the account. */
class PlannedNetworkAndRolesTest {
  private static final AccountSnapshot COMPLIANT = SnapshotJson.read(Path.of("examples/seed-compliant.json"));
  private static final AccountSnapshot WITHOUT_ECR = withoutEcrEndpoints(COMPLIANT);

  private static final String ENDPOINTS_WITH_THEIR_GROUP = """
      Resources:
        EndpointSg:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: ECR endpoints
            VpcId: vpc-0a1b2c3d4e5f60001
            SecurityGroupIngress:
              - {IpProtocol: tcp, FromPort: %d, ToPort: %d, CidrIp: 10.0.0.0/16}
        Api:
          Type: AWS::EC2::VPCEndpoint
          Properties:
            VpcEndpointType: Interface
            ServiceName: !Sub com.amazonaws.${AWS::Region}.ecr.api
            VpcId: vpc-0a1b2c3d4e5f60001
            SubnetIds: [subnet-0aa1111111111111a, subnet-0cc2222222222222c]
            SecurityGroupIds: [!GetAtt EndpointSg.GroupId]
            PrivateDnsEnabled: true
        Dkr:
          Type: AWS::EC2::VPCEndpoint
          Properties:
            VpcEndpointType: Interface
            ServiceName: !Sub com.amazonaws.${AWS::Region}.ecr.dkr
            VpcId: vpc-0a1b2c3d4e5f60001
            SubnetIds: [subnet-0aa1111111111111a, subnet-0cc2222222222222c]
            SecurityGroupIds: [!Ref EndpointSg]
            PrivateDnsEnabled: true
      """;

  @Test
  void aPlannedGroupReferencedByRefIsTheEndpointsGroupAndItsFindingsPointAtIt() {
    PlannedResources good = CloudFormationTemplates.parseAll(ENDPOINTS_WITH_THEIR_GROUP.formatted(443, 443), "t.yaml");
    PlannedResources wrongPort =
        CloudFormationTemplates.parseAll(ENDPOINTS_WITH_THEIR_GROUP.formatted(80, 80), "t.yaml");

    PlannedOverlay overlay = PlannedOverlay.of(WITHOUT_ECR, good);
    assertThat(overlay.snapshot().securityGroup("planned:EndpointSg")).hasValueSatisfying(g -> {
      assertThat(g.vpcId()).isEqualTo("vpc-0a1b2c3d4e5f60001");
      assertThat(g.egress()).as("EC2's default allow-all egress").singleElement()
          .satisfies(r -> assertThat(r.protocol()).isEqualTo("-1"));
    });
    assertThat(overlay.snapshot().endpoints("vpc-0a1b2c3d4e5f60001", "com.amazonaws.ap-northeast-1.ecr.dkr"))
        .singleElement().extracting(VpcEndpoint::securityGroupIds).asList().containsExactly("planned:EndpointSg");
    assertThat(overlay.snapshot().unreadable()).isEmpty();
    assertThat(scan(overlay).findings()).isEmpty();

    List<Finding> findings = scan(PlannedOverlay.of(WITHOUT_ECR, wrongPort)).findings();
    assertThat(findings).isNotEmpty().allSatisfy(f -> assertThat(f.ruleId()).isNotEqualTo("PP000"));
    Finding aboutTheGroup = findings.stream().filter(f -> f.resource().id().equals("planned:EndpointSg")).findFirst()
        .orElseThrow();
    assertThat(aboutTheGroup.position().file()).isEqualTo("t.yaml");
    assertThat(aboutTheGroup.position().line()).as("its first property").isEqualTo(5);
    assertThat(aboutTheGroup.position().address()).isEqualTo("EndpointSg");
    assertThat(aboutTheGroup.fix().cli()).isNull();
    assertThat(aboutTheGroup.fix().summary()).endsWith("Change EndpointSg in t.yaml before deploying.");
  }

  @Test
  void aSeparateIngressRuleIsAddedToTheGroupItNames() {
    String template = ENDPOINTS_WITH_THEIR_GROUP.formatted(80, 80) + """
          Https:
            Type: AWS::EC2::SecurityGroupIngress
            Properties: {GroupId: !Ref EndpointSg, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}
          ToAccountGroup:
            Type: AWS::EC2::SecurityGroupEgress
            Properties: {GroupId: sg-0httpdservice00001, IpProtocol: tcp, FromPort: 443, ToPort: 443,
                         DestinationSecurityGroupId: !Ref EndpointSg}
        """;

    PlannedOverlay overlay = PlannedOverlay.of(WITHOUT_ECR, CloudFormationTemplates.parseAll(template, "t.yaml"));

    assertThat(overlay.snapshot().securityGroup("planned:EndpointSg").orElseThrow().ingress()).hasSize(2);
    assertThat(overlay.snapshot().securityGroup("sg-0httpdservice00001").orElseThrow().egress())
        .anySatisfy(r -> assertThat(r.groupIds()).containsExactly("planned:EndpointSg"));
    assertThat(scan(overlay).findings()).isEmpty();
  }

  @Test
  void aGroupWhoseVpcCannotBeResolvedIsStatedAndTheGroupChecksWait() {
    String template = """
        Resources:
          Vpc: {Type: AWS::EC2::VPC}
          EndpointSg:
            Type: AWS::EC2::SecurityGroup
            Properties: {GroupDescription: x, VpcId: !Ref Vpc}
        """;

    PlannedResources read = CloudFormationTemplates.parseAll(template, "t.yaml");
    PlannedOverlay overlay = PlannedOverlay.of(COMPLIANT, read);

    assertThat(read.securityGroups()).isEmpty();
    assertThat(overlay.notes()).as(overlay.notes().toString()).containsExactly("t.yaml EndpointSg: VpcId is Ref \"Vpc\", which pullpath "
        + "cannot resolve; the security group checks wait (PP000)");
    assertThat(overlay.snapshot().unreadable()).extracting(UnreadablePart::part)
        .containsExactly(SnapshotPart.SECURITY_GROUPS);
    assertThat(scan(overlay).findings()).isNotEmpty().allSatisfy(f -> assertThat(f.ruleId()).isEqualTo("PP000"));
  }

  private static final String ROLE_AND_TASK = """
      Resources:
        ExecutionRole:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument:
              Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]
            ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]
            Policies:
              - PolicyName: cache
                PolicyDocument:
                  Statement:
                    - Effect: Allow
                      Action: [%s]
                      Resource: !Sub arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:repository/docker-hub/*
        TaskDefinition:
          Type: AWS::ECS::TaskDefinition
          Properties:
            Family: httpd
            ExecutionRoleArn: !GetAtt ExecutionRole.Arn
            ContainerDefinitions:
              - Name: httpd
                Image: !Sub ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/docker-hub/library/httpd:latest
                LogConfiguration:
                  LogDriver: awslogs
                  Options: {awslogs-group: /ecs/httpd, awslogs-region: !Ref AWS::Region, awslogs-stream-prefix: ecs}
      """;

  @Test
  void aPlannedRoleReachedByGetAttIsTheExecutionRoleItsManagedPolicyFromTheAccount() {
    PlannedOverlay good = PlannedOverlay.of(COMPLIANT, CloudFormationTemplates.parseAll(
        ROLE_AND_TASK.formatted("ecr:BatchImportUpstreamImage, ecr:CreateRepository"), "t.yaml"));
    PlannedOverlay lacking = PlannedOverlay.of(COMPLIANT,
        CloudFormationTemplates.parseAll(ROLE_AND_TASK.formatted("ecr:CreateRepository"), "t.yaml"));

    String arn = "arn:aws:iam::111122223333:role/planned:ExecutionRole";
    assertThat(good.snapshot().role(arn)).hasValueSatisfying(r -> {
      assertThat(r.attachedPolicies()).singleElement().satisfies(p -> assertThat(p.document()).isNotNull());
      assertThat(r.inlinePolicies()).extracting(p -> p.policyName()).containsExactly("cache");
    });
    assertThat(good.snapshot().taskDefinitions()).anySatisfy(t -> assertThat(t.executionRoleArn()).isEqualTo(arn));
    assertThat(good.snapshot().unreadable()).isEmpty();
    assertThat(scan(good).findings()).isEmpty();

    Finding pp007 = scan(lacking).findings().stream().filter(f -> f.ruleId().equals("PP007")).findFirst().orElseThrow();
    assertThat(pp007.message()).contains("ecr:BatchImportUpstreamImage");
    assertThat(pp007.resource().id()).isEqualTo("planned:ExecutionRole");
    assertThat(pp007.position().address()).isEqualTo("ExecutionRole");
    assertThat(pp007.position().line()).isEqualTo(5);
  }

  @Test
  void aManagedPolicyNoRoleOfTheAccountHasIsUnknownAndTheRoleChecksWait() {
    String template = ROLE_AND_TASK.formatted("ecr:BatchImportUpstreamImage, ecr:CreateRepository")
        .replace("service-role/AmazonECSTaskExecutionRolePolicy", "ReadOnlyAccess");

    PlannedOverlay overlay = PlannedOverlay.of(COMPLIANT, CloudFormationTemplates.parseAll(template, "t.yaml"));

    assertThat(overlay.notes()).contains("t.yaml ExecutionRole: managed policy arn:aws:iam::aws:policy/ReadOnlyAccess "
        + "is attached to no role of the account, so pullpath does not know its document; the execution role checks "
        + "wait (PP000)");
    assertThat(overlay.snapshot().unreadable()).extracting(UnreadablePart::part).containsExactly(SnapshotPart.IAM_ROLES);
    List<Finding> findings = scan(overlay).findings();
    assertThat(findings).noneSatisfy(f -> assertThat(f.ruleId()).isEqualTo("PP007"));
    assertThat(findings).anySatisfy(f -> assertThat(f.message()).startsWith("PP007"));
  }

  @Test
  void aPlannedCacheRuleServesTheRewrittenImage() {
    String rule = """
          EcrPublic:
            Type: AWS::ECR::PullThroughCacheRule
            Properties: {EcrRepositoryPrefix: ecr-public, UpstreamRegistryUrl: public.ecr.aws}
        """;
    String task = ROLE_AND_TASK.formatted("ecr:BatchImportUpstreamImage, ecr:CreateRepository")
        .replace("docker-hub/library/httpd:latest", "ecr-public/nginx/nginx:1.27").replace("repository/docker-hub/*",
            "repository/ecr-public/*");

    ScanResult without = scan(PlannedOverlay.of(COMPLIANT, CloudFormationTemplates.parseAll(task, "t.yaml")));
    PlannedResources with = CloudFormationTemplates.parseAll(task + rule, "t.yaml");

    assertThat(without.findings()).anySatisfy(f -> {
      assertThat(f.ruleId()).isEqualTo("PP009");
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
    });
    assertThat(with.cacheRules()).singleElement().satisfies(r -> assertThat(r.rule().upstreamRegistry())
        .isEqualTo("ecr-public"));
    // What remains is the first pull, which needs the cache primed: a warning, not a missing rule.
    assertThat(scan(PlannedOverlay.of(COMPLIANT, with)).findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("PP009");
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.message()).contains("not in the pull-through cache yet");
    });
  }

  /** A plan creating the endpoints' group, the endpoints, a rule, the execution role and the task definition. */
  private static final String PLAN = """
      {"resource_changes": [
        {"address": "module.net.aws_security_group.endpoints", "mode": "managed", "type": "aws_security_group",
         "name": "endpoints", "change": {"actions": ["create"], "after": {"name": "endpoints",
           "vpc_id": "vpc-0a1b2c3d4e5f60001", "ingress": [{"protocol": "tcp", "from_port": %1$d, "to_port": %1$d,
           "cidr_blocks": ["10.0.0.0/16"], "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [],
           "self": false}]}, "after_unknown": {"id": true, "egress": true}}},
        {"address": "module.net.aws_vpc_security_group_egress_rule.all", "mode": "managed",
         "type": "aws_vpc_security_group_egress_rule", "name": "all", "change": {"actions": ["create"],
           "after": {"ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"}, "after_unknown": {"security_group_id": true}}},
        {"address": "module.net.aws_vpc_endpoint.ecr_api", "mode": "managed", "type": "aws_vpc_endpoint",
         "name": "ecr_api", "change": {"actions": ["create"], "after": {
           "service_name": "com.amazonaws.ap-northeast-1.ecr.api", "vpc_id": "vpc-0a1b2c3d4e5f60001",
           "vpc_endpoint_type": "Interface", "subnet_ids": ["subnet-0aa1111111111111a", "subnet-0cc2222222222222c"],
           "private_dns_enabled": true}, "after_unknown": {"security_group_ids": true, "policy": true}}},
        {"address": "module.net.aws_vpc_endpoint.ecr_dkr", "mode": "managed", "type": "aws_vpc_endpoint",
         "name": "ecr_dkr", "change": {"actions": ["create"], "after": {
           "service_name": "com.amazonaws.ap-northeast-1.ecr.dkr", "vpc_id": "vpc-0a1b2c3d4e5f60001",
           "vpc_endpoint_type": "Interface", "subnet_ids": ["subnet-0aa1111111111111a", "subnet-0cc2222222222222c"],
           "private_dns_enabled": true}, "after_unknown": {"security_group_ids": true, "policy": true}}},
        {"address": "aws_iam_role.exec", "mode": "managed", "type": "aws_iam_role", "name": "exec",
         "change": {"actions": ["create"], "after": {"name": "app-exec", "path": "/",
           "assume_role_policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"Service\\":\\"ecs-tasks.amazonaws.com\\"},\\"Action\\":\\"sts:AssumeRole\\"}]}",
           "managed_policy_arns": ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]},
           "after_unknown": {"arn": true, "id": true, "inline_policy": true}}},
        {"address": "aws_iam_role_policy.cache", "mode": "managed", "type": "aws_iam_role_policy", "name": "cache",
         "change": {"actions": ["create"], "after": {"name": "cache",
           "policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":[%2$s],\\"Resource\\":\\"*\\"}]}"},
           "after_unknown": {"role": true}}},
        {"address": "aws_ecr_pull_through_cache_rule.quay", "mode": "managed", "type": "aws_ecr_pull_through_cache_rule",
         "name": "quay", "change": {"actions": ["create"], "after": {"ecr_repository_prefix": "quay",
           "upstream_registry_url": "quay.io"}, "after_unknown": {"registry_id": true}}},
        {"address": "aws_ecs_task_definition.httpd", "mode": "managed", "type": "aws_ecs_task_definition",
         "name": "httpd", "change": {"actions": ["create"], "after": {"family": "httpd",
           "container_definitions": "[{\\"name\\":\\"httpd\\",\\"image\\":\\"111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/docker-hub/library/httpd:latest\\",\\"portMappings\\":[{\\"containerPort\\":80}],\\"logConfiguration\\":{\\"logDriver\\":\\"awslogs\\",\\"options\\":{\\"awslogs-group\\":\\"/ecs/httpd\\",\\"awslogs-region\\":\\"ap-northeast-1\\",\\"awslogs-stream-prefix\\":\\"ecs\\"}}}]"},
           "after_unknown": {"execution_role_arn": true, "arn": true}}}],
       "configuration": {"root_module": {
         "resources": [
           {"address": "aws_iam_role.exec", "expressions": {"name": {"constant_value": "app-exec"}}},
           {"address": "aws_iam_role_policy.cache", "expressions": {"role": {"references": ["aws_iam_role.exec.name",
             "aws_iam_role.exec"]}}},
           {"address": "aws_ecs_task_definition.httpd", "expressions": {"execution_role_arn": {"references": [
             "aws_iam_role.exec.arn", "aws_iam_role.exec"]}}}],
         "module_calls": {"net": {"module": {"resources": [
           {"address": "aws_security_group.endpoints", "expressions": {"ingress": {}}},
           {"address": "aws_vpc_security_group_egress_rule.all", "expressions": {"security_group_id": {"references": [
             "aws_security_group.endpoints.id", "aws_security_group.endpoints"]}}},
           {"address": "aws_vpc_endpoint.ecr_api", "expressions": {"security_group_ids": {"references": [
             "aws_security_group.endpoints.id", "aws_security_group.endpoints"]}}},
           {"address": "aws_vpc_endpoint.ecr_dkr", "expressions": {"security_group_ids": {"references": [
             "aws_security_group.endpoints.id", "aws_security_group.endpoints"]}}}]}}}}}}
      """;

  @Test
  void terraformReferencesToPlannedGroupsAndRolesResolveToThem() {
    PlannedResources good = TerraformPlans.parseAll(PLAN.formatted(443,
        "\\\"ecr:BatchImportUpstreamImage\\\",\\\"ecr:CreateRepository\\\""), "p.json");
    PlannedResources wrongPort = TerraformPlans.parseAll(PLAN.formatted(80,
        "\\\"ecr:BatchImportUpstreamImage\\\",\\\"ecr:CreateRepository\\\""), "p.json");
    PlannedResources noImport = TerraformPlans.parseAll(PLAN.formatted(443, "\\\"ecr:CreateRepository\\\""), "p.json");

    assertThat(good.notes()).isEmpty();
    assertThat(good.unknownParts()).isEmpty();
    assertThat(good.endpoints()).allSatisfy(e -> assertThat(e.securityGroupIds())
        .containsExactly("planned:module.net.aws_security_group.endpoints"));
    assertThat(good.taskDefinitions().get(0).executionRoleArn())
        .isEqualTo("arn:aws:iam::${AWS::AccountId}:role/app-exec");
    assertThat(good.cacheRules()).singleElement().satisfies(r -> assertThat(r.rule().upstreamRegistry()).isEqualTo("quay"));
    PlannedOverlay overlay = PlannedOverlay.of(WITHOUT_ECR, good);
    assertThat(overlay.snapshot().securityGroup("planned:module.net.aws_security_group.endpoints").orElseThrow()
        .egress()).as("only the separate rule: the provider drops EC2's default").hasSize(1);
    assertThat(overlay.snapshot().role("app-exec").orElseThrow().inlinePolicies()).extracting(p -> p.policyName())
        .containsExactly("cache");
    assertThat(overlay.snapshot().unreadable()).isEmpty();
    assertThat(scan(overlay).findings()).isEmpty();

    Finding aboutTheGroup = scan(PlannedOverlay.of(WITHOUT_ECR, wrongPort)).findings().stream()
        .filter(f -> f.resource().id().equals("planned:module.net.aws_security_group.endpoints")).findFirst()
        .orElseThrow();
    assertThat(aboutTheGroup.position().address()).isEqualTo("module.net.aws_security_group.endpoints");
    assertThat(aboutTheGroup.position().line()).isEqualTo(2);
    Finding pp007 = scan(PlannedOverlay.of(WITHOUT_ECR, noImport)).findings().stream()
        .filter(f -> f.ruleId().equals("PP007")).findFirst().orElseThrow();
    assertThat(pp007.message()).contains("app-exec").contains("ecr:BatchImportUpstreamImage");
    assertThat(pp007.position().address()).isEqualTo("aws_iam_role.exec");
  }

  @Test
  void aTerraformRuleForAGroupNoPlanOrAccountHasWaits() {
    String plan = """
        {"resource_changes": [{"address": "aws_security_group_rule.https", "mode": "managed",
          "type": "aws_security_group_rule", "name": "https", "change": {"actions": ["create"], "after": {
            "type": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["10.0.0.0/16"]},
            "after_unknown": {"security_group_id": true}}}]}
        """;

    PlannedOverlay overlay = PlannedOverlay.of(COMPLIANT, TerraformPlans.parseAll(plan, "p.json"));

    assertThat(overlay.notes()).containsExactly("p.json aws_security_group_rule.https: security_group_id is known only "
        + "after apply (it depends on a resource the plan changes); the security group checks wait (PP000)");
    assertThat(overlay.snapshot().unreadable()).extracting(UnreadablePart::part)
        .containsExactly(SnapshotPart.SECURITY_GROUPS);
  }

  @Test
  void aTerraformPolicyAttachmentTakesTheManagedDocumentFromTheAccountOrWaits() {
    String plan = """
        {"resource_changes": [
          {"address": "aws_iam_role.exec", "mode": "managed", "type": "aws_iam_role", "name": "exec",
           "change": {"actions": ["create"], "after": {"name": "app-exec"}, "after_unknown": {"arn": true}}},
          {"address": "aws_iam_role_policy_attachment.exec", "mode": "managed",
           "type": "aws_iam_role_policy_attachment", "name": "exec", "change": {"actions": ["create"],
             "after": {"policy_arn": "arn:aws:iam::aws:policy/%s"}, "after_unknown": {"role": true}}}],
         "configuration": {"root_module": {"resources": [{"address": "aws_iam_role_policy_attachment.exec",
           "expressions": {"role": {"references": ["aws_iam_role.exec.name", "aws_iam_role.exec"]}}}]}}}
        """;

    PlannedOverlay known = PlannedOverlay.of(COMPLIANT,
        TerraformPlans.parseAll(plan.formatted("service-role/AmazonECSTaskExecutionRolePolicy"), "p.json"));
    PlannedOverlay unknown = PlannedOverlay.of(COMPLIANT, TerraformPlans.parseAll(plan.formatted("ReadOnlyAccess"),
        "p.json"));

    assertThat(known.snapshot().role("app-exec").orElseThrow().attachedPolicies()).singleElement()
        .satisfies(p -> assertThat(p.document().statements()).isNotEmpty());
    assertThat(known.snapshot().unreadable()).isEmpty();
    assertThat(unknown.notes()).anySatisfy(n -> assertThat(n).startsWith("p.json aws_iam_role_policy_attachment.exec: "
        + "managed policy arn:aws:iam::aws:policy/ReadOnlyAccess is attached to no role of the account"));
    assertThat(unknown.snapshot().unreadable()).extracting(UnreadablePart::part).containsExactly(SnapshotPart.IAM_ROLES);
  }

  static ScanResult scan(PlannedOverlay overlay) {
    return overlay.locate(new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of()))
        .scan(overlay.snapshot(), "test", Severity.NOTE));
  }

  static AccountSnapshot withoutEcrEndpoints(AccountSnapshot s) {
    List<VpcEndpoint> kept = s.vpcEndpoints().stream()
        .filter(e -> !e.serviceName().endsWith(".ecr.api") && !e.serviceName().endsWith(".ecr.dkr")).toList();
    return new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(), s.subnets(),
        s.routeTables(), kept, s.securityGroups(), s.services(), s.taskDefinitions(), s.pullThroughCacheRules(),
        s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable(), s.managedPrefixLists(),
        s.repositories(), s.logGroups());
  }
}
