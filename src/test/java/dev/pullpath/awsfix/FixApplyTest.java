package dev.pullpath.awsfix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.fix.AccountWriter;
import dev.pullpath.fix.ChangeLog;
import dev.pullpath.fix.FixApplier;
import dev.pullpath.fix.FixApplier.Outcome;
import dev.pullpath.fix.FixOptions;
import dev.pullpath.fix.FixPlan;
import dev.pullpath.fix.FixPlanJson;
import dev.pullpath.fix.FixPlanner;
import dev.pullpath.fix.UpdateServiceTaskDefinition;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** Plans and applies against a stateful fake of EC2, ECS, ECR and IAM seeded with the broken seed account. */
class FixApplyTest {
  static final String DOCKER_HUB_SECRET =
      "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Xy12Ab";
  static final FixOptions ALL = new FixOptions(true, Map.of("docker-hub", DOCKER_HUB_SECRET), List.of("10.0.0.0/16"), true);

  static AccountSnapshot seed() {
    return SnapshotJson.parse(SnapshotJson.readText(Path.of("examples/seed-broken.json")), "seed-broken.json");
  }

  static List<Finding> scan(AccountSnapshot snapshot) {
    return new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of()))
        .scan(snapshot, "fake", Severity.NOTE).findings();
  }

  static FixPlan plan(FakeAccount account, FixOptions options) {
    AccountSnapshot now = account.snapshot();
    return FixPlanner.plan(now, scan(now), options);
  }

  static FixApplier applier(FakeAccount account, ChangeLog log) {
    return new FixApplier(account.writer(Duration.ZERO, Duration.ofMillis(200)), log);
  }

  static List<Finding> errors(AccountSnapshot snapshot) {
    return scan(snapshot).stream().filter(f -> f.severity() == Severity.ERROR).toList();
  }

  /** The broken seed with ecsTaskExecutionRole trusting EC2 instead of ECS tasks, with a Sid already taken. */
  static AccountSnapshot untrustingRole() {
    String text = SnapshotJson.readText(Path.of("examples/seed-broken.json"));
    int role = text.indexOf("\"roleName\": \"ecsTaskExecutionRole\"");
    int service = text.indexOf("ecs-tasks.amazonaws.com", role);
    text = text.substring(0, service) + "ec2.amazonaws.com" + text.substring(service + "ecs-tasks.amazonaws.com".length());
    int effect = text.lastIndexOf("\"Effect\": \"Allow\"", service);
    text = text.substring(0, effect) + "\"Sid\": \"PullpathEcsTasks\", " + text.substring(effect);
    return SnapshotJson.parse(text, "untrusting.json");
  }

  @Test
  void aRoleThatDoesNotTrustEcsTasksIsFixedOnlyWithPolicyRewriteAndKeepsItsOtherStatements() {
    FakeAccount account = new FakeAccount(untrustingRole());
    assertThat(errors(account.snapshot())).anySatisfy(f -> assertThat(f.message()).contains("does not trust"));

    FixPlan cautious = plan(account, new FixOptions(false, ALL.credentialArns(), ALL.allowIngress(), true));
    assertThat(cautious.steps()).noneMatch(st -> st.action() instanceof dev.pullpath.fix.TrustEcsTasks);
    assertThat(cautious.unfixed()).anySatisfy(u -> assertThat(u.reason()).contains("--allow-policy-rewrite"));

    FixPlan plan = plan(account, ALL);
    assertThat(plan.steps()).filteredOn(st -> st.action() instanceof dev.pullpath.fix.TrustEcsTasks).singleElement()
        .satisfies(st -> {
          assertThat(st.action().additive()).as("rewrites a document: CHANGES EXISTING").isFalse();
          assertThat(((dev.pullpath.fix.TrustEcsTasks) st.action()).policyDocument())
              .contains("\"Sid\":\"PullpathEcsTasks2\"", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com");
        });
    assertThat(applier(account, ChangeLog.NONE).apply(plan).succeeded()).isTrue();

    assertThat(errors(account.snapshot())).isEmpty();
    assertThat(account.snapshot().role("ecsTaskExecutionRole").orElseThrow().assumeRolePolicyDocument().toJsonText())
        .as("the EC2 statement is kept").contains("ec2.amazonaws.com");
    int writes = account.writes.size();
    assertThat(plan(account, ALL).steps()).isEmpty();
    assertThat(account.writes).hasSize(writes);
  }

  @Test
  void aTrustThatLetsEcsTasksDoSomethingElseThanAssumeTheRoleIsFixedLikeNoTrust() {
    String text = SnapshotJson.readText(Path.of("examples/seed-broken.json"));
    int role = text.indexOf("\"roleName\": \"ecsTaskExecutionRole\"");
    int action = text.indexOf("\"sts:AssumeRole\"", role);
    text = text.substring(0, action) + "\"sts:TagSession\"" + text.substring(action + "\"sts:AssumeRole\"".length());
    FakeAccount account = new FakeAccount(SnapshotJson.parse(text, "tag-session-only.json"));
    assertThat(errors(account.snapshot())).anySatisfy(f -> assertThat(f.message()).contains("does not trust"));

    FixPlan cautious = plan(account, new FixOptions(false, ALL.credentialArns(), ALL.allowIngress(), true));
    assertThat(cautious.unfixed()).anySatisfy(u -> assertThat(u.reason()).contains("does not trust")
        .contains("--allow-policy-rewrite"));

    FixPlan plan = plan(account, ALL);
    assertThat(plan.steps()).extracting(st -> st.id()).contains("trust-ecs-tasks:ecsTaskExecutionRole");
    assertThat(applier(account, ChangeLog.NONE).apply(plan).succeeded()).isTrue();
    assertThat(errors(account.snapshot())).isEmpty();
    assertThat(plan(account, ALL).steps()).isEmpty();
  }

  @Test
  void applyingTheSeedPlanLeavesNoErrorAndASecondRunWritesNothing(@TempDir Path dir) throws Exception {
    FakeAccount account = new FakeAccount(seed());
    assertThat(errors(account.snapshot())).isNotEmpty();
    FixPlan plan = plan(account, ALL);

    Path log = dir.resolve("changes.jsonl");
    FixApplier.Report report = applier(account, ChangeLog.appendingTo(log)).apply(plan);

    assertThat(report.results()).allMatch(r -> r.outcome() == Outcome.APPLIED, "every step applied");
    assertThat(errors(account.snapshot())).isEmpty();
    assertThat(scan(account.snapshot())).extracting(Finding::fingerprint).doesNotContainAnyElementsOf(plan.plannedFingerprints());
    assertThat(Files.readAllLines(log)).hasSize(plan.steps().size()).allMatch(l -> l.contains("\"outcome\":\"applied\""));

    int writes = account.writes.size();
    FixPlan again = plan(account, ALL);
    assertThat(again.steps()).isEmpty();
    assertThat(applier(account, ChangeLog.NONE).apply(again).succeeded()).isTrue();
    assertThat(account.writes).hasSize(writes);
  }

  @Test
  void dnsSupportComesBeforeHostnamesAndEndpointsBeforeTheirPolicy() {
    FixPlan plan = plan(new FakeAccount(seed()), ALL);
    List<String> ids = plan.steps().stream().map(s -> s.id()).toList();
    int hostnames = ids.indexOf("enable-vpc-dns-hostnames:vpc-0a1b2c3d4e5f60001");
    int endpoint = ids.indexOf("create-interface-endpoint:vpc-0a1b2c3d4e5f60001/com.amazonaws.ap-northeast-1.ecr.api");
    int role = ids.indexOf("put-execution-role-policy:apiTaskExecutionRole");
    int revision = ids.indexOf("register-task-definition-revision:api");
    int service = ids.indexOf("update-service:seed-cluster/api-service");
    assertThat(hostnames).isNotNegative().isLessThan(endpoint);
    assertThat(role).isLessThan(revision);
    assertThat(revision).isLessThan(service);
  }

  @Test
  void oneStepPerRootCauseWhateverTheNumberOfWorkloads() {
    FixPlan plan = plan(new FakeAccount(seed()), ALL);
    // ecr.api is missing for both services: one finding (one root cause) and one step resolving it.
    assertThat(plan.steps()).filteredOn(s -> s.id().endsWith("ecr.api")).singleElement()
        .satisfies(s -> assertThat(s.resolves()).hasSize(1));
  }

  @Test
  void aFailedThirdStepStopsTheRunAndARerunCompletesIt() {
    FakeAccount account = new FakeAccount(seed());
    FixPlan plan = plan(account, ALL);
    account.failOnWrite(3);

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan);

    assertThat(report.succeeded()).isFalse();
    assertThat(report.results()).extracting(FixApplier.StepResult::outcome).startsWith(
        Outcome.APPLIED, Outcome.APPLIED, Outcome.FAILED);
    assertThat(report.count(Outcome.NOT_ATTEMPTED)).isEqualTo(plan.steps().size() - 3);
    assertThat(report.results().get(2).message()).contains("injected failure");

    FixPlan rest = plan(account, ALL);
    assertThat(rest.steps()).hasSize(plan.steps().size() - 2);
    assertThat(applier(account, ChangeLog.NONE).apply(rest).succeeded()).isTrue();
    assertThat(errors(account.snapshot())).isEmpty();
  }

  @Test
  void aStaleSavedPlanIsRefusedAndChangesNothing() {
    FakeAccount account = new FakeAccount(seed());
    FixPlan saved = FixPlanJson.read(FixPlanJson.write(plan(account, ALL)), "plan.json");
    // Someone changes the endpoint policy after planning: the merge the plan holds is no longer right.
    account.ec2().modifyVpcEndpoint(b -> b.vpcEndpointId("vpce-0s3gateway000000001")
        .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
    int writesBefore = account.writes.size();
    FixPlan onlyPolicy = new FixPlan(saved.formatVersion(), saved.planId(), saved.accountId(), saved.region(),
        saved.steps().stream().filter(s -> s.id().startsWith("set-endpoint-policy")).toList(), List.of());

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(onlyPolicy);

    assertThat(report.results()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(r.message()).contains("stale").contains("plan again");
    });
    assertThat(account.writes).hasSize(writesBefore);
  }

  @Test
  void aNewRevisionKeepsEveryOtherFieldAndTheTags() {
    FakeAccount account = new FakeAccount(seed());
    FixPlan plan = plan(account, ALL);
    applier(account, ChangeLog.NONE).apply(plan);

    TaskDefinition revision = account.taskDefinition("arn:aws:ecs:ap-northeast-1:111122223333:task-definition/api:8");
    assertThat(revision.cpu()).isEqualTo("256");
    assertThat(revision.memory()).isEqualTo("512");
    assertThat(revision.networkModeAsString()).isEqualTo("awsvpc");
    assertThat(revision.executionRoleArn()).isEqualTo("arn:aws:iam::111122223333:role/apiTaskExecutionRole");
    assertThat(revision.containerDefinitions()).extracting(c -> c.image()).containsExactly(
        "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/docker-hub/library/nginx:1.27",
        "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/quay/prometheus/node-exporter:v1.8.2");
    assertThat(revision.containerDefinitions().get(0).secrets()).isNotEmpty();
    assertThat(account.tagsOf(revision.taskDefinitionArn())).extracting(t -> t.key() + "=" + t.value())
        .contains("team=platform", "pullpath:plan=" + plan.planId());
  }

  @Test
  void servicesMoveOnlyOnceTheSimulatorShowsTheNewPermissions() {
    FakeAccount account = new FakeAccount(seed());
    account.simulatorLag = 3;

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan(account, ALL));

    assertThat(report.succeeded()).isTrue();
    assertThat(errors(account.snapshot())).isEmpty();
  }

  @Test
  void aRolePolicyTheSimulatorNeverAllowsFailsTheStepBeforeAnyServiceMoves() {
    FakeAccount account = new FakeAccount(seed());
    account.simulatorLag = Integer.MAX_VALUE;

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan(account, ALL));

    assertThat(report.results()).filteredOn(r -> r.outcome() == Outcome.FAILED).singleElement()
        .satisfies(r -> assertThat(r.message()).contains("policy simulator still does not allow"));
    assertThat(account.writes).doesNotContain("UpdateService", "RegisterTaskDefinition");
  }

  /** A writer over the fake whose first VPC read after turning on DNS hostnames still shows the old state. */
  static AccountWriter laggingAfterHostnames(FakeAccount account) {
    AccountWriter real = new SdkAccountWriter(account.ec2(), account.ecs(), account.ecr(), account.iam(),
        Duration.ZERO, Duration.ofMillis(200));
    int[] staleReads = {0};
    return (AccountWriter) java.lang.reflect.Proxy.newProxyInstance(FixApplyTest.class.getClassLoader(),
        new Class<?>[] {AccountWriter.class}, (proxy, method, args) -> {
          if (method.getName().equals("enableVpcDnsHostnames")) {
            staleReads[0] = 1;
          }
          if (method.getName().equals("vpc") && staleReads[0] > 0) {
            staleReads[0]--;
            return seed().vpc((String) args[0]);
          }
          try {
            return method.invoke(real, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void aWriteThatShowsLateIsAwaitedNotFailed() {
    FakeAccount account = new FakeAccount(seed());
    FixPlan plan = plan(account, ALL);
    FixPlan dnsOnly = new FixPlan(plan.formatVersion(), plan.planId(), plan.accountId(), plan.region(),
        plan.steps().subList(0, 1), List.of());
    assertThat(dnsOnly.steps().get(0).id()).startsWith("enable-vpc-dns-hostnames");

    // Verified once, the late change looks like a failed write; verified within a timeout, it is applied.
    assertThat(new FixApplier(laggingAfterHostnames(account), ChangeLog.NONE).apply(dnsOnly).results())
        .extracting(FixApplier.StepResult::outcome).containsExactly(Outcome.FAILED);
    FakeAccount fresh = new FakeAccount(seed());
    assertThat(new FixApplier(laggingAfterHostnames(fresh), ChangeLog.NONE, Duration.ofSeconds(10)).apply(dnsOnly)
        .results()).extracting(FixApplier.StepResult::outcome).containsExactly(Outcome.APPLIED);
  }

  @Test
  void aNewEndpointNotYetVisibleToDescribeIsAwaitedNotFailed() {
    FakeAccount account = new FakeAccount(seed());
    account.newEndpointInvisibleReads = 2;

    FixPlan plan = plan(account, ALL);
    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan);

    assertThat(report.results()).allSatisfy(r -> assertThat(r.outcome()).as(r.step().id() + ": " + r.message())
        .isEqualTo(Outcome.APPLIED));
    assertThat(account.writes.stream().filter("CreateVpcEndpoint"::equals).count()).as("one create per endpoint")
        .isEqualTo(plan.steps().stream().filter(st -> st.id().startsWith("create-interface-endpoint")).count());
  }

  @Test
  void aServiceWhoseRolloutFailsStopsTheRunWithTheCircuitBreakersReason() {
    FakeAccount account = new FakeAccount(seed());
    account.failingRollouts.add("seed-cluster/httpd-service");
    FixPlan plan = plan(account, ALL);

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan);

    assertThat(report.succeeded()).isFalse();
    assertThat(report.results()).filteredOn(r -> r.outcome() != Outcome.APPLIED && r.outcome() != Outcome.NOT_ATTEMPTED)
        .singleElement().satisfies(r -> assertThat(r.message()).contains("failed to roll out")
            .contains("circuit breaker"));
  }

  @Test
  void aServiceWithAnExternalDeploymentControllerIsRefusedWithItsReason() {
    FakeAccount account = new FakeAccount(seed());
    // ECS takes no task definition in UpdateService for EXTERNAL: its deployments are task sets.
    account.deploymentControllers.put("seed-cluster/api-service", "EXTERNAL");
    FixPlan plan = plan(account, ALL);

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan);

    assertThat(report.results()).filteredOn(r -> r.outcome() == Outcome.REFUSED).singleElement()
        .satisfies(r -> assertThat(r.message()).contains("EXTERNAL").contains("task set"));
    assertThat(account.writes).doesNotContain("UpdateService");
  }

  @Test
  void aCodeDeployServiceIsRefusedWithItsReason() {
    FakeAccount account = new FakeAccount(seed());
    account.deploymentControllers.put("seed-cluster/api-service", "CODE_DEPLOY");
    FixPlan plan = plan(account, ALL);

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan);

    assertThat(report.results()).filteredOn(r -> r.outcome() == Outcome.REFUSED).singleElement()
        .satisfies(r -> assertThat(r.message()).contains("CodeDeploy"));
    assertThat(account.writes).doesNotContain("UpdateService");
  }

  @Test
  void aServiceIsNeverMovedToARevisionSomeoneElseRegisteredAfterThePlansOwn() {
    FakeAccount account = new FakeAccount(seed());
    FixPlan plan = plan(account, ALL);
    // CI registers api:9 with another image after the plan registered (and verified) api:8, while the plan
    // goes on with httpd, before it moves the services.
    account.afterNextRegistration = () -> account.afterNextRegistration = () -> account.ecs()
        .registerTaskDefinition(b -> b.family("api").containerDefinitions(c -> c.name("app").image("nginx:1.99-from-ci")));

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan);

    assertThat(report.results()).filteredOn(r -> r.step().action() instanceof UpdateServiceTaskDefinition u
        && u.service().equals("api-service")).singleElement().satisfies(r -> {
          assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
          assertThat(r.message()).contains("task-definition/api:9").contains("not the one this plan registered");
        });
    assertThat(account.snapshot().services()).filteredOn(s -> s.serviceName().equals("api-service"))
        .singleElement().satisfies(s -> assertThat(s.taskDefinitionArn()).endsWith("task-definition/api:7"));
  }

  @Test
  void aServiceMovesToThePlansOwnRevisionEvenWhenAnotherWasRegisteredBeforeIt() {
    FakeAccount account = new FakeAccount(seed());
    FixPlan plan = plan(account, ALL);
    // CI registered api:8 after planning; the plan's own revision becomes api:9, the newest.
    account.ecs().registerTaskDefinition(b -> b.family("api").containerDefinitions(c -> c.name("app").image("nginx:1.99")));

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan);

    assertThat(report.succeeded()).as(report.results().toString()).isTrue();
    assertThat(account.snapshot().services()).filteredOn(s -> s.serviceName().equals("api-service"))
        .singleElement().satisfies(s -> assertThat(s.taskDefinitionArn()).endsWith("task-definition/api:9"));
  }

  /** The broken seed without interface endpoints: the plan creates a group for its new ones. */
  static AccountSnapshot bare() {
    AccountSnapshot s = seed();
    return new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(), s.vpcs(),
        s.subnets(), s.routeTables(), s.vpcEndpoints().stream().filter(e -> !e.isInterface()).toList(),
        s.securityGroups(), s.services(), s.taskDefinitions(), s.pullThroughCacheRules(), s.registryPolicy(),
        s.iamRoles(), s.secrets(), s.simulations(), s.unreadable());
  }

  @Test
  void aVpcWithoutEndpointsGetsAGroupForThemCreatedOnceAndReused() {
    FakeAccount account = new FakeAccount(bare());
    FixPlan plan = plan(account, ALL);
    List<String> ids = plan.steps().stream().map(st -> st.id()).toList();
    assertThat(ids).contains("create-endpoint-security-group:vpc-0a1b2c3d4e5f60001/pullpath-endpoints");
    assertThat(ids.indexOf("create-endpoint-security-group:vpc-0a1b2c3d4e5f60001/pullpath-endpoints"))
        .isLessThan(ids.indexOf("create-interface-endpoint:vpc-0a1b2c3d4e5f60001/com.amazonaws.ap-northeast-1.ecr.dkr"));

    // The group is created, then the run fails at the next write: the rerun reuses the group, never a second one.
    account.failOnWrite(account.writes.size() + 1 + (int) plan.steps().stream()
        .filter(st -> st.action().phase() < 19).count() + 2);
    applier(account, ChangeLog.NONE).apply(plan);
    FixApplier.Report rest = applier(account, ChangeLog.NONE).apply(plan(account, ALL));

    assertThat(rest.succeeded()).isTrue();
    assertThat(account.writes).containsOnlyOnce("CreateSecurityGroup");
    assertThat(errors(account.snapshot())).isEmpty();
  }

  @Test
  void aNewGroupNotYetVisibleIsAwaitedBeforeItsRuleIsAdded() {
    FakeAccount account = new FakeAccount(bare());
    account.newGroupInvisibleCalls = 2;

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan(account, ALL));

    assertThat(report.results()).allSatisfy(r -> assertThat(r.outcome()).as(r.step().id() + ": " + r.message())
        .isEqualTo(Outcome.APPLIED));
    assertThat(account.writes).containsOnlyOnce("CreateSecurityGroup");
    assertThat(errors(account.snapshot())).isEmpty();
  }

  @Test
  void withoutPermissionToRewriteADenyThePolicyStepIsNotPlanned() {
    FixPlan plan = plan(new FakeAccount(seed()), FixOptions.defaults());
    assertThat(plan.steps()).noneMatch(s -> s.id().startsWith("set-endpoint-policy"));
    assertThat(plan.unfixed()).anySatisfy(u -> assertThat(u.reason()).contains("DenyForeignBuckets")
        .contains("--allow-policy-rewrite"));
  }

  /**
   * A read that throws after a write went through (throttling while verifying): the write is reported and
   * in the change log as failed, with its request ids, and the run stops there; it used to escape the
   * applier, so neither the output nor the change log said the write had been made.
   */
  @Test
  void aReadFailingAfterAWriteStillReportsAndLogsTheWrite() {
    FakeAccount account = new FakeAccount(seed());
    FixPlan plan = plan(account, ALL);
    dev.pullpath.fix.AccountWriter real = account.writer(Duration.ZERO, Duration.ofMillis(200));
    boolean[] wrote = {false};
    dev.pullpath.fix.AccountWriter throttledAfterAWrite = (dev.pullpath.fix.AccountWriter) java.lang.reflect.Proxy
        .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {dev.pullpath.fix.AccountWriter.class},
            (proxy, method, args) -> {
              if (wrote[0] && method.getDeclaringClass() == dev.pullpath.fix.AccountReader.class) {
                throw new IllegalStateException("Rate exceeded (injected)");
              }
              Object result;
              try {
                result = method.invoke(real, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
              wrote[0] |= result instanceof dev.pullpath.fix.AccountWriter.Written;
              return result;
            });
    List<ChangeLog.Entry> log = new java.util.ArrayList<>();

    FixApplier.Report report = new FixApplier(throttledAfterAWrite, log::add).apply(plan);

    assertThat(account.writes).hasSize(1);
    assertThat(report.results().get(0).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.results().get(0).message()).contains("written").contains("Rate exceeded");
    assertThat(report.count(Outcome.NOT_ATTEMPTED)).isEqualTo(plan.steps().size() - 1);
    assertThat(log).singleElement().satisfies(e -> {
      assertThat(e.step()).isEqualTo(plan.steps().get(0).id());
      assertThat(e.outcome()).isEqualTo("failed");
      assertThat(e.error()).contains("Rate exceeded");
    });
  }
}
