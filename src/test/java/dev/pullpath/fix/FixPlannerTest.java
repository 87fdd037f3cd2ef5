package dev.pullpath.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.check.ShellQuote;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SecurityGroupRule;
import dev.pullpath.snapshot.SnapshotJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixPlannerTest {
  static final FixOptions ALL = new FixOptions(true,
      Map.of("docker-hub", "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Xy12Ab"),
      List.of("10.0.0.0/16"), true);

  static AccountSnapshot seed(String name) {
    return SnapshotJson.parse(SnapshotJson.readText(Path.of("examples", name)), name);
  }

  static List<Finding> scan(AccountSnapshot snapshot) {
    return new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of()))
        .scan(snapshot, "test", Severity.NOTE).findings();
  }

  @Test
  void theSamePlanWhateverTheOrderOfTheFindings() {
    AccountSnapshot s = seed("seed-broken.json");
    List<Finding> findings = new ArrayList<>(scan(s));
    FixPlan first = FixPlanner.plan(s, findings, ALL);
    Collections.reverse(findings);
    FixPlan second = FixPlanner.plan(s, findings, ALL);

    assertThat(second).isEqualTo(first);
    assertThat(first.planId()).matches("pp-[0-9a-f]{16}");
    assertThat(FixPlanner.plan(s, findings, FixOptions.defaults()).planId()).isNotEqualTo(first.planId());
  }

  @Test
  void addingTheMainRouteTableToTheS3GatewaySaysItRoutesEverySubnetWithoutItsOwnTable() {
    AccountSnapshot s = seed("seed-broken.json");

    FixStep step = stepOfKind(FixPlanner.plan(s, scan(s), ALL), "add-gateway-route-tables");

    assertThat(step.additive()).isFalse();
    assertThat(step.description()).contains("rtb-0main000000000001")
        .contains("main route table is among them, so the S3 traffic of every subnet without a route table of its own");
  }

  @Test
  void aRouteTableSharedWithSubnetsWithoutTasksNamesThemAndCountsAsAChange() throws Exception {
    AccountSnapshot s = withOwnRouteTable("subnet-0cc2222222222222c", "subnet-0idle00000000001");

    FixStep step = stepOfKind(FixPlanner.plan(s, scan(s), ALL), "add-gateway-route-tables");

    assertThat(step.additive()).isFalse();
    assertThat(step.description()).contains("rtb-0own").contains("the S3 traffic of subnet-0idle00000000001 (subnets "
        + "without ECS tasks on the same route tables)").doesNotContain("main route table");
    assertThat(((AddGatewayRouteTables) step.action()).otherSubnetIds()).containsExactly("subnet-0idle00000000001");
  }

  @Test
  void aRouteTableOfTaskSubnetsOnlyIsAPlainAddition() throws Exception {
    AccountSnapshot s = withOwnRouteTable("subnet-0cc2222222222222c");

    FixStep step = stepOfKind(FixPlanner.plan(s, scan(s), ALL), "add-gateway-route-tables");

    assertThat(step.additive()).isTrue();
    assertThat(step.description()).isEqualTo("Associate route tables rtb-0own with gateway endpoint vpce-0s3gateway000000001");
    assertThat(FixPlanJson.writeAction(step.action())).doesNotContain("otherSubnetIds").doesNotContain("mainRouteTable");
  }

  /** The broken seed where the task subnet on the main table gets a table of its own, shared with {@code others}. */
  private static AccountSnapshot withOwnRouteTable(String taskSubnet, String... others) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
        json.readTree(Path.of("examples/seed-broken.json").toFile());
    com.fasterxml.jackson.databind.node.ObjectNode own = root.withArray("routeTables").addObject()
        .put("routeTableId", "rtb-0own").put("vpcId", "vpc-0a1b2c3d4e5f60001").put("main", false);
    own.putArray("subnetIds").add(taskSubnet);
    for (String other : others) {
      own.withArray("subnetIds").add(other);
    }
    own.putArray("routes").addObject().put("destination", "10.0.0.0/16").put("targetType", "local").put("targetId", "local");
    return SnapshotJson.parse(json.writeValueAsString(root), "own-route-table");
  }

  private static FixStep stepOfKind(FixPlan plan, String kind) {
    return plan.steps().stream().filter(st -> FixActions.kind(st.action()).equals(kind)).findFirst().orElseThrow();
  }

  @Test
  void aCompliantAccountPlansNothing() {
    AccountSnapshot s = seed("seed-compliant.json");
    assertThat(FixPlanner.plan(s, scan(s), ALL).steps()).isEmpty();
  }

  @Test
  void fortyServicesMissingOneEndpointAreOneStep() {
    AccountSnapshot s = seed("seed-broken.json");
    EcsService template = s.services().get(0);
    List<EcsService> services = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      services.add(new EcsService(template.clusterName(), null, "svc-" + i, null, template.launchType(),
          template.platformVersion(), template.subnetIds(), template.securityGroupIds(), false,
          template.taskDefinitionArn()));
    }
    AccountSnapshot many = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), services, s.taskDefinitions(),
        s.pullThroughCacheRules(), s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());

    FixPlan plan = FixPlanner.plan(many, scan(many), ALL);

    assertThat(plan.steps()).filteredOn(st -> st.id().endsWith(".ecr.api")).singleElement()
        .satisfies(st -> assertThat(st.resolves()).as("one root cause, one fingerprint, blocking 40 workloads")
            .hasSize(1));
    assertThat(plan.steps()).filteredOn(st -> st.id().startsWith("update-service:")).hasSize(40);
    assertThat(plan.steps()).filteredOn(st -> st.id().startsWith("register-task-definition-revision:")).hasSize(1);
  }

  @Test
  void onlyTheNewestRevisionOfAFamilyInUseIsRewritten() {
    AccountSnapshot s = seed("seed-broken.json");
    dev.pullpath.snapshot.TaskDefinition api7 = s.taskDefinition(
        "arn:aws:ecs:ap-northeast-1:111122223333:task-definition/api:7").orElseThrow();
    dev.pullpath.snapshot.TaskDefinition api6 = new dev.pullpath.snapshot.TaskDefinition(
        "arn:aws:ecs:ap-northeast-1:111122223333:task-definition/api:6", "api", 6, api7.executionRoleArn(),
        api7.containers());
    EcsService old = s.services().stream().filter(x -> x.serviceName().equals("api-service")).findFirst().orElseThrow();
    List<EcsService> services = new ArrayList<>(s.services());
    services.add(new EcsService(old.clusterName(), null, "api-canary", null, old.launchType(), old.platformVersion(),
        old.subnetIds(), old.securityGroupIds(), false, api6.taskDefinitionArn()));
    List<dev.pullpath.snapshot.TaskDefinition> tds = new ArrayList<>(s.taskDefinitions());
    tds.add(api6);
    AccountSnapshot two = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), services, tds, s.pullThroughCacheRules(),
        s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());

    FixPlan plan = FixPlanner.plan(two, scan(two), ALL);

    assertThat(plan.steps()).filteredOn(st -> st.action() instanceof RegisterTaskDefinitionRevision r
        && r.family().equals("api")).singleElement()
        .satisfies(st -> assertThat(((RegisterTaskDefinitionRevision) st.action()).sourceArn()).endsWith("api:7"));
    assertThat(plan.steps()).noneMatch(st -> st.id().equals("update-service:seed-cluster/api-canary"));
    assertThat(plan.unfixed()).anySatisfy(u -> assertThat(u.reason()).contains("several revisions of api"));
  }

  @Test
  void aRoleThatEcsCannotAssumeGetsTheTrustOnlyWithPolicyRewrite() {
    AccountSnapshot s = seed("seed-broken.json");
    dev.pullpath.policy.PolicyDocument ec2Trust = dev.pullpath.policy.PolicyDocument.parse("{\"Version\":\"2012-10-17\","
        + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
    List<dev.pullpath.snapshot.IamRole> roles = s.iamRoles().stream().map(r -> !r.roleName().equals("apiTaskExecutionRole") ? r
        : new dev.pullpath.snapshot.IamRole(r.roleName(), r.arn(), ec2Trust, r.attachedPolicies(), r.inlinePolicies(),
            r.permissionsBoundary())).toList();
    AccountSnapshot untrusted = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), s.taskDefinitions(),
        s.pullThroughCacheRules(), s.registryPolicy(), roles, s.secrets(), s.simulations(), s.unreadable());

    FixPlan cautious = FixPlanner.plan(untrusted, scan(untrusted), FixOptions.defaults());
    FixPlan plan = FixPlanner.plan(untrusted, scan(untrusted), ALL);

    assertThat(cautious.steps()).noneMatch(st -> st.action().target().equals("apiTaskExecutionRole"));
    assertThat(cautious.unfixed()).anySatisfy(u -> assertThat(u.reason())
        .contains("does not trust ecs-tasks.amazonaws.com").contains("--allow-policy-rewrite"));
    assertThat(plan.steps()).extracting(FixStep::id).contains("trust-ecs-tasks:apiTaskExecutionRole",
        "put-execution-role-policy:apiTaskExecutionRole");
  }

  /** seed-broken with apiTaskExecutionRole given a permissions boundary and, optionally, an inline policy. */
  static AccountSnapshot withApiRoleBoundary(String boundaryActions, String inlineActions) {
    AccountSnapshot s = seed("seed-broken.json");
    dev.pullpath.policy.PolicyDocument boundary = dev.pullpath.policy.PolicyDocument.parse(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + boundaryActions
            + ",\"Resource\":\"*\"}]}");
    List<dev.pullpath.snapshot.IamRole> roles = s.iamRoles().stream().map(r -> !r.roleName().equals("apiTaskExecutionRole") ? r
        : new dev.pullpath.snapshot.IamRole(r.roleName(), r.arn(), r.assumeRolePolicyDocument(), r.attachedPolicies(),
            inlineActions == null ? r.inlinePolicies() : List.of(new dev.pullpath.snapshot.IamRole.NamedPolicy("cache",
                null, dev.pullpath.policy.PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Action\":" + inlineActions + ",\"Resource\":\"*\"}]}"))),
            new dev.pullpath.snapshot.IamRole.NamedPolicy("ecs-only", "arn:aws:iam::111122223333:policy/ecs-only", boundary)))
        .toList();
    return new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), s.taskDefinitions(),
        s.pullThroughCacheRules(), s.registryPolicy(), roles, s.secrets(), s.simulations(), s.unreadable());
  }

  @Test
  void servicesStayWhenTheirRolesBoundaryBlocksTheCacheAndTheRoleIsListedNotSilentlyDropped() {
    String pullOnly = "[\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\","
        + "\"ecr:BatchGetImage\",\"logs:*\",\"secretsmanager:GetSecretValue\"]";
    // The boundary blocks what an inline policy would grant, and what an inline policy already grants.
    for (String inline : java.util.Arrays.asList(null, "[\"ecr:*\",\"secretsmanager:GetSecretValue\"]")) {
      AccountSnapshot s = withApiRoleBoundary(pullOnly, inline);
      List<Finding> findings = scan(s);
      List<String> roleFindings = findings.stream().filter(f -> f.ruleId().equals("PP007")
          && f.resource().id().equals("apiTaskExecutionRole")).map(Finding::fingerprint).toList();
      assertThat(roleFindings).as("PP007 reports the boundary").isNotEmpty();

      FixPlan plan = FixPlanner.plan(s, findings, ALL);

      assertThat(plan.steps()).as("an inline Allow the boundary caps cannot take effect")
          .noneMatch(st -> st.id().equals("put-execution-role-policy:apiTaskExecutionRole"));
      assertThat(plan.steps()).as("moving api-service would start tasks whose role cannot import its images")
          .noneMatch(st -> st.id().equals("update-service:seed-cluster/api-service"))
          .anyMatch(st -> st.id().equals("update-service:seed-cluster/httpd-service"));
      assertThat(plan.unfixed()).as("every finding is either planned or listed")
          .anySatisfy(u -> {
            assertThat(u.ruleId()).isEqualTo("PP007");
            assertThat(u.fingerprints()).containsExactlyInAnyOrderElementsOf(roleFindings);
            assertThat(u.reason()).contains("permissions boundary ecs-only").contains("ecr:BatchImportUpstreamImage");
          })
          .anySatisfy(u -> assertThat(u.reason()).contains("api").contains("stay").contains("apiTaskExecutionRole"));
      assertThat(plan.plannedFingerprints()).doesNotContainAnyElementsOf(roleFindings);
    }

    // A boundary that allows what the images need changes nothing: the role is granted, the service moves.
    AccountSnapshot allows = withApiRoleBoundary("[\"ecr:*\",\"logs:*\",\"secretsmanager:GetSecretValue\"]", null);
    assertThat(FixPlanner.plan(allows, scan(allows), ALL).steps()).extracting(FixStep::id)
        .contains("put-execution-role-policy:apiTaskExecutionRole", "update-service:seed-cluster/api-service");
  }

  /** seed-broken with apiTaskExecutionRole holding one more inline policy of {@code size} characters. */
  static AccountSnapshot withApiInlinePolicyOf(int size) {
    AccountSnapshot s = seed("seed-broken.json");
    String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
        + "\"Resource\":\"arn:aws:s3:::";
    String tail = "/*\"}]}";
    String text = head + "b".repeat(size - head.length() - tail.length()) + tail;
    List<dev.pullpath.snapshot.IamRole> roles = s.iamRoles().stream().map(r -> !r.roleName().equals("apiTaskExecutionRole") ? r
        : new dev.pullpath.snapshot.IamRole(r.roleName(), r.arn(), r.assumeRolePolicyDocument(), r.attachedPolicies(),
            List.of(new dev.pullpath.snapshot.IamRole.NamedPolicy("app-data", null,
                dev.pullpath.policy.PolicyDocument.parse(text))), r.permissionsBoundary())).toList();
    return new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), s.taskDefinitions(),
        s.pullThroughCacheRules(), s.registryPolicy(), roles, s.secrets(), s.simulations(), s.unreadable());
  }

  @Test
  void aRolePolicyThatWouldExceedIamsInlineQuotaIsListedInsteadOfFailingAtApply() {
    // pullpath's policy for apiTaskExecutionRole holds 473 characters; IAM allows 10,240 over all inline policies.
    AccountSnapshot fits = withApiInlinePolicyOf(10_240 - 473);
    assertThat(FixPlanner.plan(fits, scan(fits), ALL).steps()).extracting(FixStep::id)
        .contains("put-execution-role-policy:apiTaskExecutionRole", "update-service:seed-cluster/api-service");

    AccountSnapshot over = withApiInlinePolicyOf(10_240 - 472);
    FixPlan plan = FixPlanner.plan(over, scan(over), ALL);

    assertThat(plan.steps()).extracting(FixStep::id).doesNotContain("put-execution-role-policy:apiTaskExecutionRole",
        "update-service:seed-cluster/api-service");
    assertThat(plan.unfixed()).anySatisfy(u -> {
      assertThat(u.ruleId()).isEqualTo("PP007");
      assertThat(u.resourceId()).isEqualTo("apiTaskExecutionRole");
      assertThat(u.reason()).contains("10,241 characters").contains("10,240").contains("managed policy");
    });
  }

  @Test
  void anEndpointPolicyThatWouldExceedTwentyThousandCharactersIsListedInsteadOfFailingAtApply() throws Exception {
    // Find the padding that makes the merged S3 gateway policy exactly 20,480 characters, then one more.
    int probe = 100;
    int length = policyWritten(withS3PolicyPadding(probe)).length();
    int fitting = probe + (NetworkFixes.ENDPOINT_POLICY_LIMIT - length);
    assertThat(policyWritten(withS3PolicyPadding(fitting))).hasSize(NetworkFixes.ENDPOINT_POLICY_LIMIT);

    AccountSnapshot over = withS3PolicyPadding(fitting + 1);
    FixPlan plan = FixPlanner.plan(over, scan(over), ALL);

    assertThat(plan.steps()).noneMatch(st -> st.action() instanceof SetEndpointPolicy);
    assertThat(plan.unfixed()).anySatisfy(u -> {
      assertThat(u.ruleId()).isEqualTo("PP006");
      assertThat(u.reason()).contains("20,481 characters").contains("20,480");
    });
  }

  private static String policyWritten(AccountSnapshot s) {
    return FixPlanner.plan(s, scan(s), ALL).steps().stream().map(FixStep::action)
        .filter(SetEndpointPolicy.class::isInstance).map(a -> ((SetEndpointPolicy) a).policyDocument())
        .findFirst().orElseThrow();
  }

  /** The broken seed whose S3 gateway policy has one more Allow, with a Sid of {@code sidLength} characters. */
  private static AccountSnapshot withS3PolicyPadding(int sidLength) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
        json.readTree(Path.of("examples/seed-broken.json").toFile());
    for (com.fasterxml.jackson.databind.JsonNode endpoint : root.get("vpcEndpoints")) {
      if (endpoint.path("policyDocument").isObject()) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) endpoint.get("policyDocument").get("Statement")).addObject()
            .put("Sid", "P".repeat(sidLength)).put("Effect", "Allow").put("Principal", "*")
            .put("Action", "s3:ListBucket").put("Resource", "arn:aws:s3:::corp-logs");
      }
    }
    return SnapshotJson.parse(json.writeValueAsString(root), "padded-s3-policy");
  }

  @Test
  void theGroupOfAnEndpointOffThePullPathIsNeitherWidenedNorReusedForNewEndpoints() {
    AccountSnapshot s = seed("seed-broken.json");
    String vpc = "vpc-0a1b2c3d4e5f60001";
    // A private API Gateway endpoint: its group decides which subnets may call the account's private APIs.
    dev.pullpath.snapshot.VpcEndpoint privateApi = new dev.pullpath.snapshot.VpcEndpoint("vpce-0privateapi000001", vpc,
        "com.amazonaws.ap-northeast-1.execute-api", "Interface", "available", List.of("subnet-0aa1111111111111a"),
        List.of(), List.of("sg-0a11privateapi0001"), true, null);
    List<dev.pullpath.snapshot.VpcEndpoint> endpoints = new ArrayList<>(s.vpcEndpoints().stream()
        .filter(e -> !e.isInterface()).toList());
    endpoints.add(privateApi);
    List<SecurityGroup> groups = new ArrayList<>(s.securityGroups());
    groups.add(new SecurityGroup("sg-0a11privateapi0001", "private-api-callers", vpc,
        List.of(https(List.of("10.9.0.0/16"), List.of())), List.of()));
    AccountSnapshot withApi = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), endpoints, groups, s.services(), s.taskDefinitions(), s.pullThroughCacheRules(),
        s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());

    FixPlan plan = FixPlanner.plan(withApi, scan(withApi), ALL);

    assertThat(plan.steps()).extracting(FixStep::id).contains("create-endpoint-security-group:" + vpc + "/pullpath-endpoints")
        .noneMatch(id -> id.contains("sg-0a11privateapi0001"));
    assertThat(plan.steps()).extracting(FixStep::action).filteredOn(CreateInterfaceEndpoint.class::isInstance)
        .isNotEmpty().allSatisfy(a -> assertThat(((CreateInterfaceEndpoint) a).securityGroupIds()).isEmpty());

    // The group of an ECR endpoint already in the VPC is the pull path's own: reused, and widened if it must be.
    FixPlan seedPlan = FixPlanner.plan(s, scan(s), ALL);
    assertThat(seedPlan.steps()).extracting(FixStep::action).filteredOn(CreateInterfaceEndpoint.class::isInstance)
        .isNotEmpty().allSatisfy(a -> assertThat(((CreateInterfaceEndpoint) a).securityGroupIds())
            .containsExactly("sg-0endpoints00000001"));
  }

  @Test
  void aDenyThatDoesNotBlockThePullIsKeptEvenWithPolicyRewrite() {
    AccountSnapshot s = seed("seed-broken.json");
    // A data perimeter: nothing but the account's own repositories through this endpoint. Own cache repositories
    // are inside it; what blocks the pull is only the missing Allow.
    String perimeter = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"InternalOnly\",\"Effect\":\"Allow\","
        + "\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Resource\":\"arn:aws:ecr:ap-northeast-1:111122223333:repository/internal/*\"},"
        + "{\"Sid\":\"OnlyOwnRepositories\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:*\","
        + "\"NotResource\":\"arn:aws:ecr:ap-northeast-1:111122223333:repository/*\"}]}";
    AccountSnapshot fenced = withEndpointPolicy(s, "vpce-0ecrdkr0000000001", perimeter);
    assertThat(scan(fenced)).anySatisfy(f -> {
      assertThat(f.ruleId()).isEqualTo("PP006");
      assertThat(f.resource().id()).isEqualTo("vpce-0ecrdkr0000000001");
    });

    for (boolean rewrite : List.of(true, false)) {
      FixOptions options = new FixOptions(rewrite, ALL.credentialArns(), ALL.allowIngress(), true);
      FixPlan plan = FixPlanner.plan(fenced, scan(fenced), options);
      assertThat(plan.steps()).filteredOn(st -> st.id().equals("set-endpoint-policy:vpce-0ecrdkr0000000001"))
          .as("--allow-policy-rewrite " + rewrite).singleElement().satisfies(st -> {
            SetEndpointPolicy set = (SetEndpointPolicy) st.action();
            assertThat(set.removedDenyStatements()).isEmpty();
            assertThat(set.additive()).isTrue();
            assertThat(set.policyDocument()).contains("\"Sid\":\"OnlyOwnRepositories\"");
            // The Allow keeps the endpoint to the account's repositories: not every account's.
            assertThat(set.policyDocument()).contains("{\"Sid\":\"PullpathImagePull\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":[\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\","
                + "\"ecr:BatchGetImage\",\"ecr:BatchImportUpstreamImage\",\"ecr:CreateRepository\"],"
                + "\"Resource\":\"arn:aws:ecr:ap-northeast-1:111122223333:repository/*\"}")
                .contains("{\"Sid\":\"PullpathAuthToken\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                    + "\"Action\":[\"ecr:GetAuthorizationToken\"],\"Resource\":\"*\"}");
            AccountSnapshot applied = withEndpointPolicy(fenced, "vpce-0ecrdkr0000000001", set.policyDocument());
            assertThat(scan(applied)).noneMatch(f -> f.ruleId().equals("PP006")
                && f.resource().id().equals("vpce-0ecrdkr0000000001"));
            assertThat(FixPlanner.plan(applied, scan(applied), options).steps())
                .noneMatch(again -> again.id().equals("set-endpoint-policy:vpce-0ecrdkr0000000001"));
          });
    }
  }

  static AccountSnapshot withEndpointPolicy(AccountSnapshot s, String endpointId, String policy) {
    List<dev.pullpath.snapshot.VpcEndpoint> endpoints = s.vpcEndpoints().stream().map(e -> !e.vpcEndpointId().equals(endpointId)
        ? e : new dev.pullpath.snapshot.VpcEndpoint(e.vpcEndpointId(), e.vpcId(), e.serviceName(), e.type(), e.state(),
            e.subnetIds(), e.routeTableIds(), e.securityGroupIds(), e.privateDnsEnabled(),
            dev.pullpath.policy.PolicyDocument.parse(policy))).toList();
    return new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), endpoints, s.securityGroups(), s.services(), s.taskDefinitions(),
        s.pullThroughCacheRules(), s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());
  }

  /** seed-compliant with the httpd container's injected secrets and registry credentials replaced. */
  static AccountSnapshot withHttpdSecrets(List<String> secrets, String repositoryCredentials) {
    AccountSnapshot s = seed("seed-compliant.json");
    List<dev.pullpath.snapshot.TaskDefinition> tds = s.taskDefinitions().stream().map(td ->
        new dev.pullpath.snapshot.TaskDefinition(td.taskDefinitionArn(), td.family(), td.revision(), td.executionRoleArn(),
            td.containers().stream().map(c -> new dev.pullpath.snapshot.ContainerDefinition(c.name(), c.image(),
                c.portMappings(), c.logDriver(), c.logOptions(), secrets, c.logSecrets(), repositoryCredentials)).toList()))
        .toList();
    return new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(), s.subnets(),
        s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), tds, s.pullThroughCacheRules(),
        s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());
  }

  @Test
  void theSecretEndpointsCreatedAreThoseThePp012FindingsNeed() {
    String vpc = "create-interface-endpoint:vpc-0a1b2c3d4e5f60001/com.amazonaws.ap-northeast-1.";
    // Private registry credentials are fetched from Secrets Manager like an injected secret.
    AccountSnapshot credentials = withHttpdSecrets(List.of(),
        "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:registry-creds-AbCdEf");
    assertThat(scan(credentials)).anySatisfy(f -> assertThat(f.ruleId()).isEqualTo("PP012"));
    assertThat(FixPlanner.plan(credentials, scan(credentials), ALL).steps()).extracting(FixStep::id)
        .contains(vpc + "secretsmanager").doesNotContain(vpc + "ssm");

    // A secret of another region does not go through this VPC's endpoints: no Secrets Manager endpoint for it.
    AccountSnapshot elsewhere = withHttpdSecrets(List.of("/app/db-host",
        "arn:aws:secretsmanager:us-east-1:111122223333:secret:global-Ab12Cd"), null);
    assertThat(FixPlanner.plan(elsewhere, scan(elsewhere), ALL).steps()).extracting(FixStep::id)
        .contains(vpc + "ssm").doesNotContain(vpc + "secretsmanager");
  }

  @Test
  void aRewrittenImageAnExistingRuleServesGetsNoSecondRuleForItsFirstPathSegment() {
    AccountSnapshot s = seed("seed-broken.json");
    String secret = "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Xy12Ab";
    // Docker Hub cached at the registry's ROOT: docker.io/quay/tool is cached as ACCOUNT.dkr.ecr.../quay/tool.
    List<dev.pullpath.snapshot.PullThroughCacheRule> rootRule = List.of(
        new dev.pullpath.snapshot.PullThroughCacheRule("ROOT", "docker-hub", "registry-1.docker.io", secret, null));
    List<dev.pullpath.snapshot.TaskDefinition> tds = s.taskDefinitions().stream().map(td -> !td.family().equals("httpd") ? td
        : new dev.pullpath.snapshot.TaskDefinition(td.taskDefinitionArn(), td.family(), td.revision(), td.executionRoleArn(),
            td.containers().stream().map(c -> new dev.pullpath.snapshot.ContainerDefinition(c.name(), "docker.io/quay/tool:1",
                c.portMappings(), c.logDriver(), c.logOptions(), c.secrets(), c.logSecrets(), c.repositoryCredentials()))
                .toList())).toList();
    AccountSnapshot root = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), tds, rootRule,
        s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());

    FixPlan plan = FixPlanner.plan(root, scan(root), ALL);

    assertThat(plan.steps()).extracting(FixStep::action).filteredOn(RegisterTaskDefinitionRevision.class::isInstance)
        .map(RegisterTaskDefinitionRevision.class::cast).filteredOn(r -> r.family().equals("httpd")).singleElement()
        .satisfies(r -> assertThat(r.imageByContainer()).containsValue(
            "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/quay/tool:1"));
    // A rule "quay" would take that repository from quay.io (the longest prefix wins): another image.
    assertThat(plan.steps()).extracting(FixStep::action)
        .noneMatch(a -> a instanceof CreatePullThroughCacheRule c && c.prefix().equals("quay"));

    // A ROOT rule of another upstream does not serve a Docker Hub image: its docker-hub rule is still planned.
    List<dev.pullpath.snapshot.PullThroughCacheRule> quayRoot = List.of(
        new dev.pullpath.snapshot.PullThroughCacheRule("ROOT", "quay", "quay.io", null, null));
    List<dev.pullpath.snapshot.TaskDefinition> official = tds.stream().map(td -> !td.family().equals("httpd") ? td
        : new dev.pullpath.snapshot.TaskDefinition(td.taskDefinitionArn(), td.family(), td.revision(), td.executionRoleArn(),
            td.containers().stream().map(c -> new dev.pullpath.snapshot.ContainerDefinition(c.name(), "httpd:2.4",
                c.portMappings(), c.logDriver(), c.logOptions(), c.secrets(), c.logSecrets(), c.repositoryCredentials()))
                .toList())).toList();
    AccountSnapshot quay = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), official, quayRoot,
        s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());
    assertThat(FixPlanner.plan(quay, scan(quay), ALL).steps()).extracting(FixStep::action)
        .anyMatch(a -> a instanceof CreatePullThroughCacheRule c && c.prefix().equals("docker-hub")
            && c.upstreamRegistry().equals("docker-hub"));
  }

  @Test
  void aRoleWhosePermissionsBoundaryCapsWhatItLacksIsLeftToItsOwner() {
    AccountSnapshot s = seed("seed-broken.json");
    dev.pullpath.snapshot.IamRole.NamedPolicy pullsOnly = new dev.pullpath.snapshot.IamRole.NamedPolicy("ecs-boundary",
        "arn:aws:iam::111122223333:policy/ecs-boundary", dev.pullpath.policy.PolicyDocument.parse("{\"Version\":"
            + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ecr:*\",\"logs:*\"],\"Resource\":\"*\"}]}"));
    List<dev.pullpath.snapshot.IamRole> roles = s.iamRoles().stream().map(r -> !r.roleName().equals("apiTaskExecutionRole") ? r
        : new dev.pullpath.snapshot.IamRole(r.roleName(), r.arn(), r.assumeRolePolicyDocument(), r.attachedPolicies(),
            r.inlinePolicies(), pullsOnly)).toList();
    AccountSnapshot bounded = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), s.taskDefinitions(),
        s.pullThroughCacheRules(), s.registryPolicy(), roles, s.secrets(), s.simulations(), s.unreadable());

    FixPlan plan = FixPlanner.plan(bounded, scan(bounded), ALL);

    // The api task reads a secret; the boundary allows ECR and logs only.
    assertThat(plan.steps()).extracting(FixStep::id).doesNotContain("put-execution-role-policy:apiTaskExecutionRole")
        .contains("put-execution-role-policy:ecsTaskExecutionRole");
    assertThat(plan.unfixed()).anySatisfy(u -> assertThat(u.reason())
        .contains("permissions boundary ecs-boundary of apiTaskExecutionRole does not allow secretsmanager:GetSecretValue"));
  }

  @Test
  void whatNeedsTheOwnersConsentIsListedNotPlanned() {
    AccountSnapshot s = seed("seed-broken.json");
    FixPlan plan = FixPlanner.plan(s, scan(s), FixOptions.defaults());

    assertThat(plan.steps()).noneMatch(st -> st.action() instanceof SetEndpointPolicy
        || st.action() instanceof UpdateCacheRuleCredential || st.action() instanceof UpdateServiceTaskDefinition);
    assertThat(plan.steps()).noneMatch(st -> st.action() instanceof AuthorizeIngress i && i.port() != 443);
    assertThat(plan.unfixed()).extracting(Unfixed::reason).anyMatch(r -> r.contains("--allow-policy-rewrite"))
        .anyMatch(r -> r.contains("--credential-arn docker-hub=ARN")).anyMatch(r -> r.contains("--allow-ingress"))
        .anyMatch(r -> r.contains("--update-services")).anyMatch(r -> r.contains("prime it once"));
  }

  @Test
  void aRuleForAnUpstreamWithCredentialsNeedsTheSecret() {
    AccountSnapshot s = seed("seed-broken.json");
    AccountSnapshot noRules = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), s.taskDefinitions(),
        List.of(), s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());

    FixPlan plan = FixPlanner.plan(noRules, scan(noRules), FixOptions.defaults());

    assertThat(plan.steps()).noneMatch(st -> st.action() instanceof CreatePullThroughCacheRule c
        && c.prefix().equals("docker-hub"));
    assertThat(plan.unfixed()).extracting(Unfixed::reason)
        .anyMatch(r -> r.contains("ecr-pullthroughcache/docker-hub") && r.contains("--credential-arn"));
  }

  @Test
  void aCredentialSecretOfAnotherRegionOrAccountIsRefusedWhenPlanning() {
    AccountSnapshot s = seed("seed-broken.json");
    AccountSnapshot noRules = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), s.taskDefinitions(),
        List.of(), s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());
    for (String arn : List.of("arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Xy12Ab",
        "arn:aws:secretsmanager:ap-northeast-1:999999999999:secret:ecr-pullthroughcache/docker-hub-Xy12Ab")) {
      FixOptions options = new FixOptions(true, Map.of("docker-hub", arn), List.of(), true);

      FixPlan plan = FixPlanner.plan(noRules, scan(noRules), options);

      assertThat(plan.steps()).as(arn).noneMatch(st -> st.action() instanceof CreatePullThroughCacheRule c
          && c.prefix().equals("docker-hub"));
      assertThat(plan.unfixed()).as(arn).anySatisfy(u -> assertThat(u.reason()).contains("--credential-arn docker-hub")
          .contains("ap-northeast-1").contains("111122223333"));
    }
    assertThat(FixPlanner.plan(noRules, scan(noRules), ALL).steps()).anyMatch(st ->
        st.action() instanceof CreatePullThroughCacheRule c && c.prefix().equals("docker-hub"));
  }

  @Test
  void aFindingWhoseChangeIsInPlaceAlreadyIsListedNotDropped() {
    // seed-broken's DNS findings against a VPC that has both attributes on: no step, and no silence either.
    List<Finding> dns = scan(seed("seed-broken.json")).stream().filter(f -> f.ruleId().equals("PP011")).toList();
    assertThat(dns).isNotEmpty();

    FixPlan plan = FixPlanner.plan(seed("seed-compliant.json"), dns, ALL);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.unfixed()).singleElement().satisfies(u -> {
      assertThat(u.fingerprints()).containsExactlyInAnyOrderElementsOf(dns.stream().map(Finding::fingerprint).toList());
      assertThat(u.reason()).contains("in place already");
    });
  }

  @Test
  void anEndpointWithPrivateDnsOffIsListedNotClaimedByASubnetStep() {
    AccountSnapshot s = seed("seed-compliant.json");
    List<dev.pullpath.snapshot.VpcEndpoint> endpoints = s.vpcEndpoints().stream()
        .map(e -> !e.vpcEndpointId().equals("vpce-0ecrapi0000000001") ? e
            : new dev.pullpath.snapshot.VpcEndpoint(e.vpcEndpointId(), e.vpcId(), e.serviceName(), e.type(), e.state(),
                List.of("subnet-0aa1111111111111a"), e.routeTableIds(), e.securityGroupIds(), false, e.policyDocument()))
        .toList();
    AccountSnapshot dnsOff = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), endpoints, s.securityGroups(), s.services(), s.taskDefinitions(),
        s.pullThroughCacheRules(), s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());
    List<Finding> findings = scan(dnsOff);
    List<String> privateDns = findings.stream().filter(f -> f.message().contains("private DNS off"))
        .map(Finding::fingerprint).toList();
    assertThat(privateDns).isNotEmpty();

    FixPlan plan = FixPlanner.plan(dnsOff, findings, ALL);

    // Adding a subnet leaves the DNS off: a step claiming the finding would fail the rescan's proof on every run.
    assertThat(plan.plannedFingerprints()).doesNotContainAnyElementsOf(privateDns);
    assertThat(plan.unfixed()).anySatisfy(u -> {
      assertThat(u.fingerprints()).containsAll(privateDns);
      assertThat(u.reason()).contains("private DNS off");
    });
  }

  /** seed-compliant without cache rules, its httpd task pulling from Docker Hub and from Quay. */
  static AccountSnapshot publicImagesWithoutRules() {
    AccountSnapshot s = seed("seed-compliant.json");
    List<dev.pullpath.snapshot.TaskDefinition> tds = s.taskDefinitions().stream().map(td ->
        new dev.pullpath.snapshot.TaskDefinition(td.taskDefinitionArn(), td.family(), td.revision(), td.executionRoleArn(),
            List.of(td.containers().get(0), new dev.pullpath.snapshot.ContainerDefinition("sidecar", "quay.io/acme/sidecar:1",
                List.of(), null, null, null, null, null)).stream().map(c -> c.name().equals("sidecar") ? c
                    : new dev.pullpath.snapshot.ContainerDefinition(c.name(), "httpd:2.4", c.portMappings(), c.logDriver(),
                        c.logOptions(), c.secrets(), c.logSecrets(), c.repositoryCredentials())).toList())).toList();
    return new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(), s.subnets(),
        s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), tds, List.of(), s.registryPolicy(),
        s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());
  }

  @Test
  void servicesStayWhenARuleTheirNewImagesNeedCannotBeCreated() {
    AccountSnapshot s = publicImagesWithoutRules();
    List<Finding> findings = scan(s);
    List<String> imageFindings = findings.stream().filter(f -> f.ruleId().equals("PP008")).map(Finding::fingerprint).toList();
    assertThat(imageFindings).hasSize(2);

    // No --credential-arn for Docker Hub: its rule cannot be created, so the new httpd image could not be pulled.
    FixPlan plan = FixPlanner.plan(s, findings, new FixOptions(true, Map.of(), List.of(), true));

    assertThat(plan.steps()).extracting(FixStep::id).doesNotContain("update-service:seed-cluster/httpd-service");
    assertThat(plan.plannedFingerprints()).doesNotContainAnyElementsOf(imageFindings);
    assertThat(plan.unfixed()).anySatisfy(u -> assertThat(u.reason()).contains("--credential-arn docker-hub"));

    // With the secret, the service moves, and the cache rules are prerequisites that claim no image finding.
    FixPlan all = FixPlanner.plan(s, findings, ALL);
    assertThat(all.steps()).extracting(FixStep::id).contains("update-service:seed-cluster/httpd-service",
        "create-pull-through-cache-rule:docker-hub", "create-pull-through-cache-rule:quay");
    assertThat(all.steps()).filteredOn(st -> st.action() instanceof CreatePullThroughCacheRule)
        .allSatisfy(st -> assertThat(st.resolves()).doesNotContainAnyElementsOf(imageFindings));

    // Without --update-services nothing claims them: the services keep the old revision.
    FixPlan stay = FixPlanner.plan(s, findings, new FixOptions(false, ALL.credentialArns(), List.of(), false));
    assertThat(stay.plannedFingerprints()).doesNotContainAnyElementsOf(imageFindings);
  }

  @Test
  void aGrantUnderAConditionIsNotOverriddenByAnUnconditionalOne() {
    AccountSnapshot s = seed("seed-broken.json");
    dev.pullpath.policy.PolicyDocument conditional = dev.pullpath.policy.PolicyDocument.parse("{\"Version\":\"2012-10-17\","
        + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ecr:BatchImportUpstreamImage\",\"ecr:CreateRepository\","
        + "\"secretsmanager:GetSecretValue\"],\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
        + "{\"aws:SourceVpce\":\"vpce-0ecrdkr0000000001\"}}}]}");
    List<dev.pullpath.snapshot.IamRole> roles = s.iamRoles().stream().map(r -> !r.roleName().equals("apiTaskExecutionRole") ? r
        : new dev.pullpath.snapshot.IamRole(r.roleName(), r.arn(), r.assumeRolePolicyDocument(), r.attachedPolicies(),
            List.of(new dev.pullpath.snapshot.IamRole.NamedPolicy("only-through-our-endpoint", null, conditional)),
            r.permissionsBoundary())).toList();
    AccountSnapshot fenced = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), s.taskDefinitions(),
        s.pullThroughCacheRules(), s.registryPolicy(), roles, s.secrets(), s.simulations(), s.unreadable());

    FixPlan plan = FixPlanner.plan(fenced, scan(fenced), ALL);

    // Granting the same actions without the condition would undo the owner's restriction.
    assertThat(plan.steps()).extracting(FixStep::id).doesNotContain("put-execution-role-policy:apiTaskExecutionRole");
    assertThat(plan.unfixed()).anySatisfy(u -> {
      assertThat(u.resourceId()).isEqualTo("apiTaskExecutionRole");
      assertThat(u.reason()).contains("Condition");
    });
  }

  @Test
  void aSavedPlanReadsBackToTheSamePlan() {
    AccountSnapshot s = seed("seed-broken.json");
    FixPlan plan = FixPlanner.plan(s, scan(s), ALL);

    FixPlan read = FixPlanJson.read(FixPlanJson.write(plan), "plan.json");

    assertThat(read.planId()).isEqualTo(plan.planId());
    assertThat(read.steps()).extracting(FixStep::action).containsExactlyElementsOf(
        plan.steps().stream().map(FixStep::action).toList());
    assertThat(read.steps()).extracting(FixStep::before).containsExactlyElementsOf(
        plan.steps().stream().map(FixStep::before).toList());
  }

  @Test
  void aPlanNamesTheWorkloadsItsStepsUnblock() {
    AccountSnapshot s = seed("seed-broken.json");
    List<Finding> findings = scan(s);
    FixPlan plan = FixPlanner.plan(s, findings, ALL);

    List<String> expected = findings.stream().filter(f -> plan.plannedFingerprints().contains(f.fingerprint()))
        .flatMap(f -> f.workloads().stream()).distinct().sorted().toList();
    assertThat(plan.workloads()).isEqualTo(expected)
        .containsExactly("seed-cluster/api-service", "seed-cluster/httpd-service");
    assertThat(FixPlanJson.write(plan)).contains("\"workloads\" : [ \"seed-cluster/api-service\", \"seed-cluster/httpd-service\" ]");
    assertThat(FixPlanJson.read(FixPlanJson.write(plan), "plan.json").workloads()).isEqualTo(plan.workloads());
  }

  @Test
  void aPlanSavedBeforePlansNamedTheirWorkloadsStillLoadsWithItsId() {
    AccountSnapshot s = seed("seed-broken.json");
    FixPlan plan = FixPlanner.plan(s, scan(s), ALL);
    String old = SavedPlans.withoutWorkloads(FixPlanJson.write(plan));
    assertThat(old).doesNotContain("workloads");

    FixPlan read = FixPlanJson.read(old, "old-plan.json");

    assertThat(read.workloads()).isEmpty();
    assertThat(read.steps()).isEqualTo(plan.steps());
    assertThat(read.planId()).as("the old id hashes the steps only").isNotEqualTo(plan.planId());
  }

  @Test
  void editingTheWorkloadsOfASavedPlanIsEditingThePlan() {
    AccountSnapshot s = seed("seed-broken.json");
    String text = FixPlanJson.write(FixPlanner.plan(s, scan(s), ALL)).replace("\"seed-cluster/httpd-service\" ]", "]")
        .replace("\"seed-cluster/api-service\", ]", "\"seed-cluster/api-service\" ]");

    assertThat(text).contains("\"workloads\" : [ \"seed-cluster/api-service\" ]");
    assertThatThrownBy(() -> FixPlanJson.read(text, "plan.json")).hasMessageContaining("edited after planning");
  }

  @Test
  void theScriptHoldsEveryStepQuoted() {
    AccountSnapshot s = seed("seed-broken.json");
    FixPlan plan = FixPlanner.plan(s, scan(s), ALL);

    String script = FixScript.render(plan);

    assertThat(script).startsWith("#!/usr/bin/env bash\n").contains("set -euo pipefail");
    plan.steps().forEach(st -> assertThat(script)
        .contains(st.action().awsCli(plan.region(), FixApplier.tagging(plan.planId(), st))));
    assertThat(script).contains("--policy-document '{\"Version\":\"2012-10-17\"");
    // The ecsTaskExecutionRole step resolves no current finding: its comment says what it is for instead.
    assertThat(script.lines()).noneMatch(line -> line.endsWith("resolves "))
        .anyMatch(line -> line.endsWith("resolves no current finding: prevents one the plan's new task-definition "
            + "revisions would raise"));
  }

  @Test
  void shellQuoteLeavesSafeWordsAndQuotesTheRest() {
    assertThat(ShellQuote.quote("vpc-0abc")).isEqualTo("vpc-0abc");
    assertThat(ShellQuote.quote("arn:aws:iam::1:role/x")).isEqualTo("arn:aws:iam::1:role/x");
    assertThat(ShellQuote.quote("")).isEqualTo("''");
    assertThat(ShellQuote.quote("a b")).isEqualTo("'a b'");
    assertThat(ShellQuote.quote("it's $(rm -rf /)")).isEqualTo("'it'\\''s $(rm -rf /)'");
  }

  @Test
  void thePolicyForAPlanIsScopedToItsResources() {
    AccountSnapshot s = seed("seed-broken.json");
    String policy = FixPolicy.render(FixPlanner.plan(s, scan(s), ALL));

    assertThat(policy).contains("arn:aws:iam::111122223333:role/apiTaskExecutionRole")
        .contains("arn:aws:ec2:ap-northeast-1:111122223333:security-group/sg-0endpoints00000001")
        .contains("\"ec2:ModifyVpcAttribute\"");
  }

  /** seed-compliant with the httpd task group's egress replaced. */
  static AccountSnapshot withTaskEgress(AccountSnapshot s, List<SecurityGroupRule> egress) {
    List<SecurityGroup> groups = s.securityGroups().stream().map(g -> !g.groupId().equals("sg-0httpdservice00001") ? g
        : new SecurityGroup(g.groupId(), g.groupName(), g.vpcId(), g.ingress(), egress)).toList();
    return new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(), s.subnets(),
        s.routeTables(), s.vpcEndpoints(), groups, s.services(), s.taskDefinitions(), s.pullThroughCacheRules(),
        s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());
  }

  static SecurityGroupRule https(List<String> cidrs, List<String> prefixLists) {
    return new SecurityGroupRule("tcp", 443, 443, cidrs, List.of(), List.of(), prefixLists);
  }

  @Test
  void tasksLetOutToNoEndpointSubnetGetOneEgressStepToTheEndpointSubnets() {
    SecurityGroupRule s3Only = https(List.of(), List.of("pl-61a54008"));
    AccountSnapshot s = withTaskEgress(seed("seed-compliant.json"), List.of(s3Only));
    List<Finding> findings = scan(s);
    List<String> egressFindings = findings.stream().filter(f -> f.ruleId().equals("PP005"))
        .map(Finding::fingerprint).toList();
    assertThat(egressFindings).as("ecr.api, ecr.dkr and logs unreachable").hasSize(3);

    FixPlan plan = FixPlanner.plan(s, findings, ALL);

    assertThat(plan.steps()).singleElement().satisfies(st -> {
      assertThat(st.id()).isEqualTo("authorize-egress:sg-0httpdservice00001");
      assertThat(st.action()).isEqualTo(new AuthorizeEgress("sg-0httpdservice00001", 443, List.of(),
          List.of("10.0.1.0/24", "10.0.2.0/24")));
      assertThat(st.resolves()).containsExactlyInAnyOrderElementsOf(egressFindings);
      assertThat(st.action().awsCli(plan.region())).isEqualTo("aws ec2 authorize-security-group-egress --region "
          + "ap-northeast-1 --group-id sg-0httpdservice00001 --ip-permissions "
          + "'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.1.0/24},{CidrIp=10.0.2.0/24}]'");
    });

    // With the rule added, PP005 has nothing left to say and a second plan is empty.
    AccountSnapshot after = withTaskEgress(s, List.of(s3Only, https(List.of("10.0.1.0/24", "10.0.2.0/24"), List.of())));
    assertThat(scan(after)).noneMatch(f -> f.ruleId().equals("PP005"));
    assertThat(FixPlanner.plan(after, scan(after), ALL).steps()).isEmpty();
  }

  @Test
  void egressAlreadyCoveredByTheUnionOfRulesIsNotPlannedAgain() {
    // Two /25 rules cover subnet-a (10.0.1.0/24); subnet-c (10.0.2.0/24) is still unreachable.
    AccountSnapshot s = withTaskEgress(seed("seed-compliant.json"), List.of(https(List.of(), List.of("pl-61a54008")),
        https(List.of("10.0.1.0/25"), List.of()), https(List.of("10.0.1.128/25"), List.of())));

    FixPlan plan = FixPlanner.plan(s, scan(s), ALL);

    assertThat(plan.steps()).extracting(FixStep::action).containsExactly(
        new AuthorizeEgress("sg-0httpdservice00001", 443, List.of(), List.of("10.0.2.0/24")));
    // A /16 covers both subnets: nothing to plan.
    AccountSnapshot wide = withTaskEgress(s, List.of(https(List.of("10.0.0.0/16"), List.of("pl-61a54008"))));
    assertThat(FixPlanner.plan(wide, scan(wide), ALL).steps()).isEmpty();
  }

  @Test
  void aWrongLibraryBeforeADockerHubNamespaceIsRewrittenAsPp009Asks() {
    AccountSnapshot s = seed("seed-broken.json");
    String host = "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/";
    List<dev.pullpath.snapshot.TaskDefinition> tds = s.taskDefinitions().stream().map(td -> !td.family().equals("api") ? td
        : new dev.pullpath.snapshot.TaskDefinition(td.taskDefinitionArn(), td.family(), td.revision(), td.executionRoleArn(),
            td.containers().stream().map(c -> !c.name().equals("app") ? c
                : new dev.pullpath.snapshot.ContainerDefinition(c.name(), host + "docker-hub/library/bitnami/redis:7",
                    c.portMappings(), c.logDriver(), c.logOptions(), c.secrets(), c.logSecrets(),
                    c.repositoryCredentials())).toList())).toList();
    AccountSnapshot wrong = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), tds,
        s.pullThroughCacheRules(), s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());
    List<Finding> findings = scan(wrong);
    assertThat(findings).anySatisfy(f -> assertThat(f.message()).contains("with library/ before a namespace")
        .endsWith("Use " + host + "docker-hub/bitnami/redis:7"));

    FixPlan plan = FixPlanner.plan(wrong, findings, ALL);

    assertThat(plan.steps()).extracting(FixStep::action).filteredOn(RegisterTaskDefinitionRevision.class::isInstance)
        .map(RegisterTaskDefinitionRevision.class::cast).filteredOn(r -> r.family().equals("api")).singleElement()
        .satisfies(r -> assertThat(r.imageByContainer()).containsEntry("app", host + "docker-hub/bitnami/redis:7"));
  }

  @Test
  void anEgressStepWithoutCidrsIsWrittenAsBeforeSoSavedPlansKeepTheirId() {
    String json = FixPlanJson.writeAction(new AuthorizeEgress("sg-1", 443, List.of("pl-1"), List.of()));
    assertThat(json).doesNotContain("cidrs").contains("\"prefixListIds\":[\"pl-1\"]");
    assertThat(FixPlanJson.writeAction(new AuthorizeEgress("sg-1", 443, List.of(), List.of("10.0.1.0/24"))))
        .contains("\"cidrs\":[\"10.0.1.0/24\"]");
  }
}
