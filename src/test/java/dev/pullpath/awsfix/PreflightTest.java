package dev.pullpath.awsfix;

import static dev.pullpath.awsfix.FixApplyTest.ALL;
import static dev.pullpath.awsfix.FixApplyTest.applier;
import static dev.pullpath.awsfix.FixApplyTest.errors;
import static dev.pullpath.awsfix.FixApplyTest.plan;
import static dev.pullpath.awsfix.FixApplyTest.seed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.fix.ChangeLog;
import dev.pullpath.fix.FixApplier;
import dev.pullpath.fix.FixApplier.Outcome;
import dev.pullpath.fix.FixPlan;
import dev.pullpath.fix.PermissionCheck.Verdict;
import dev.pullpath.snapshot.AccountSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before the first write, every pending step's writes are checked without writing: EC2 with DryRun, the
 * rest with the IAM policy simulator on pullpath's own identity. A denial writes nothing at all.
 */
class PreflightTest {
  final FakeAccount account = new FakeAccount(seed());

  @Test
  void anAllowedPreflightDryRunsEveryEc2WriteThenAppliesAsBefore() {
    FixPlan plan = plan(account, ALL);

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan);

    assertThat(report.succeeded()).isTrue();
    assertThat(report.preflight().pendingSteps()).isEqualTo(plan.steps().size());
    assertThat(report.preflight().denied()).isEmpty();
    assertThat(account.dryRuns).contains("CreateVpcEndpoint", "ModifyVpcEndpoint", "AuthorizeSecurityGroupIngress")
        .doesNotContain("ModifyVpcAttribute");
    assertThat(account.writes).hasSizeGreaterThan(0);
    assertThat(errors(account.snapshot())).isEmpty();
  }

  @Test
  void aDeniedEc2DryRunWritesNothingAndNamesTheStepAndAction(@TempDir Path dir) throws Exception {
    account.deniedActions.add("ec2:CreateVpcEndpoint");
    FixPlan plan = plan(account, ALL);
    Path log = dir.resolve("changes.jsonl");

    FixApplier.Report report = applier(account, ChangeLog.appendingTo(log)).apply(plan);

    assertThat(account.writes).as("nothing written, not even the steps before the denied one").isEmpty();
    assertThat(report.deniedByPreflight()).isTrue();
    assertThat(report.succeeded()).isFalse();
    assertThat(report.results()).filteredOn(r -> r.outcome() == Outcome.REFUSED).isNotEmpty()
        .allSatisfy(r -> {
          assertThat(r.step().id()).startsWith("create-");
          assertThat(r.step().id()).contains("endpoint");
          assertThat(r.message()).contains("ec2:CreateVpcEndpoint", "UnauthorizedOperation");
        });
    assertThat(report.results()).filteredOn(r -> r.outcome() != Outcome.REFUSED)
        .allMatch(r -> r.outcome() == Outcome.NOT_ATTEMPTED);
    assertThat(Files.readAllLines(log)).isNotEmpty().allSatisfy(l -> assertThat(l).contains("\"outcome\":\"refused\"")
        .contains("preflight: denied ec2:CreateVpcEndpoint"));
  }

  @Test
  void aWriteWithoutDryRunIsAskedOfTheSimulatorAsTheCallersRoleWithItsPathAndConditionKeys() {
    account.deniedActions.add("iam:PutRolePolicy");
    FixPlan plan = plan(account, ALL);

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan);

    assertThat(account.writes).isEmpty();
    assertThat(report.preflight().denied()).isNotEmpty().allSatisfy(d -> {
      assertThat(d.step().id()).startsWith("put-execution-role-policy:");
      assertThat(d.check().action()).isEqualTo("iam:PutRolePolicy");
      assertThat(d.check().resource()).startsWith("arn:aws:iam::111122223333:role/");
      assertThat(d.check().detail()).contains(FakeAccount.CALLER_ROLE_ARN);
    });
    assertThat(account.callerSimulations)
        .contains("iam:PutRolePolicy arn:aws:iam::111122223333:role/apiTaskExecutionRole [iam:PolicyName=[pullpath-pull-through-cache]]")
        .anySatisfy(s -> assertThat(s).startsWith("iam:PassRole arn:aws:iam::111122223333:role/")
            .endsWith("[iam:PassedToService=[ecs-tasks.amazonaws.com]]"))
        .anySatisfy(s -> assertThat(s).startsWith("ecs:UpdateService arn:aws:ecs:ap-northeast-1:111122223333:service/seed-cluster/"))
        .anySatisfy(s -> assertThat(s).startsWith("ec2:ModifyVpcAttribute arn:aws:ec2:ap-northeast-1:111122223333:vpc/vpc-"));
  }

  @Test
  void modifyVpcAttributeHasNoDryRunSoItsDenialComesFromTheSimulator() {
    account.deniedActions.add("ec2:ModifyVpcAttribute");

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan(account, ALL));

    assertThat(account.writes).isEmpty();
    assertThat(account.dryRuns).doesNotContain("ModifyVpcAttribute");
    assertThat(report.preflight().denied()).extracting(d -> d.step().id())
        .containsExactly("enable-vpc-dns-hostnames:vpc-0a1b2c3d4e5f60001");
  }

  @Test
  void anInconclusiveDryRunDoesNotBlock() {
    account.dryRunErrors.put("ec2:AuthorizeSecurityGroupEgress", "InvalidGroup.NotFound");

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan(account, ALL));

    assertThat(report.preflight().with(Verdict.INCONCLUSIVE)).isNotEmpty()
        .allSatisfy(c -> assertThat(c.check().detail()).contains("InvalidGroup.NotFound"));
    assertThat(report.preflight().summary()).anySatisfy(l -> assertThat(l).contains("inconclusive, does not block")
        .contains("ec2:AuthorizeSecurityGroupEgress"));
    assertThat(report.succeeded()).isTrue();
    assertThat(account.writes).contains("AuthorizeSecurityGroupEgress");
  }

  @Test
  void aSimulatorTheCallerMayNotUseSkipsThoseChecksInOneLineAndApplies() {
    account.simulatorDeniedToCaller = true;

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan(account, ALL));

    assertThat(report.succeeded()).isTrue();
    assertThat(report.preflight().with(Verdict.SKIPPED)).isNotEmpty();
    assertThat(report.preflight().summary()).filteredOn(l -> l.contains("not checked (")).singleElement().asString()
        .contains("IAM policy simulator cannot be asked about " + FakeAccount.CALLER_ROLE_ARN);
    assertThat(report.preflight().with(Verdict.ALLOWED)).as("the EC2 dry runs still ran").isNotEmpty();
  }

  @Test
  void theRootUserIsNotSimulated() {
    account.callerArn = "arn:aws:iam::111122223333:root";

    FixApplier.Report report = applier(account, ChangeLog.NONE).apply(plan(account, ALL));

    assertThat(report.succeeded()).isTrue();
    assertThat(account.callerSimulations).isEmpty();
    assertThat(report.preflight().summary()).anySatisfy(l -> assertThat(l).contains("root user cannot be simulated"));
  }

  @Test
  void aGroupAnEarlierStepCreatesIsInconclusiveNotDeniedAndTheEndpointIsDryRunWithoutIt() {
    AccountSnapshot s = seed();
    FakeAccount bare = new FakeAccount(new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(),
        s.vpcs(), s.subnets(), s.routeTables(), s.vpcEndpoints().stream().filter(e -> !e.isInterface()).toList(),
        s.securityGroups(), s.services(), s.taskDefinitions(), s.pullThroughCacheRules(), s.registryPolicy(),
        s.iamRoles(), s.secrets(), s.simulations(), s.unreadable()));
    FixPlan plan = plan(bare, ALL);

    FixApplier.Report report = applier(bare, ChangeLog.NONE).apply(plan);

    assertThat(report.succeeded()).isTrue();
    assertThat(bare.dryRuns).contains("CreateSecurityGroup", "CreateVpcEndpoint");
    assertThat(report.preflight().with(Verdict.INCONCLUSIVE)).isNotEmpty().allSatisfy(c -> assertThat(c.check().detail())
        .contains("does not exist before the run creates it"));
    assertThat(report.preflight().checks()).filteredOn(c -> c.check().action().equals("ec2:CreateVpcEndpoint"))
        .isNotEmpty().allMatch(c -> c.check().verdict() == Verdict.ALLOWED);
    assertThat(bare.writes).containsOnlyOnce("CreateSecurityGroup");
  }

  @Test
  void stepsAlreadyDoneAreNotChecked() {
    FixPlan plan = plan(account, ALL);
    applier(account, ChangeLog.NONE).apply(plan);
    account.dryRuns.clear();
    account.callerSimulations.clear();
    int writes = account.writes.size();

    FixApplier.Report again = applier(account, ChangeLog.NONE).apply(plan);

    assertThat(again.preflight().pendingSteps()).isZero();
    assertThat(again.preflight().summary()).containsExactly("Preflight: every step is already done, nothing to check");
    assertThat(account.dryRuns).isEmpty();
    assertThat(account.callerSimulations).isEmpty();
    assertThat(account.writes).hasSize(writes);
  }
}
