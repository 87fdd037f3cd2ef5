package dev.pullpath.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.aws.AwsStub.Api;
import dev.pullpath.check.Finding;
import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SnapshotJson;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service whose account API stored the task definition it was given by family
 * ({@code aws ecs update-service --task-definition frontend}): the live scan resolves the reference as
 * ECS does and checks the workload, instead of skipping it and calling it clean.
 */
class TaskDefinitionReferenceTest {
  private static final String FRONTEND_ARN = "arn:aws:ecs:eu-west-1:111122223333:task-definition/frontend:3";

  private AwsStub stub;

  @BeforeEach
  void start() {
    stub = new AwsStub();
    FixtureAccount.register(stub);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private void frontendStoredAs(String reference) {
    String services = AwsStub.read("account/ecs/DescribeServices-web.json").replace(FRONTEND_ARN, reference);
    stub.answer(Api.ECS, "DescribeServices", 200, services, "cluster/web");
  }

  private AccountSnapshot collect() {
    return LiveScanTestSupport.collector()
        .collect(LiveScanTestSupport.options(stub), ProgressListener.silent(), new CallRecorder())
        .snapshot();
  }

  private static ScanResult scan(AccountSnapshot snapshot) {
    return new Scanner(RuleRegistry.loadInstalled().all()).scan(snapshot, "aws://111122223333/eu-west-1",
        Severity.NOTE);
  }

  @Test
  void aServiceStoredWithTheBareFamilyIsCheckedLikeOneStoredWithTheArn() {
    AccountSnapshot expected = SnapshotJson.parse(AwsStub.read("account-snapshot.json"), "account-snapshot.json");
    frontendStoredAs("frontend");
    // ECS answers a bare family with its latest ACTIVE revision.
    stub.answerFile(Api.ECS, "DescribeTaskDefinition", "account/ecs/DescribeTaskDefinition-frontend-3.json",
        AwsStub.json("taskDefinition", "frontend"));

    AccountSnapshot live = collect();

    EcsService frontend = live.services().stream().filter(s -> s.serviceName().equals("frontend")).findFirst()
        .orElseThrow();
    assertThat(frontend.taskDefinitionArn()).isEqualTo(FRONTEND_ARN);
    assertThat(live.taskDefinitions()).extracting(t -> t.taskDefinitionArn()).contains(FRONTEND_ARN);
    List<Finding> findings = scan(live).findings();
    assertThat(findings).noneMatch(f -> f.ruleId().equals(NotEvaluated.DESCRIPTOR.id()));
    assertThat(findings).filteredOn(f -> f.workloads().contains("web/frontend")).isNotEmpty()
        .isEqualTo(scan(expected).findings().stream().filter(f -> f.workloads().contains("web/frontend")).toList());
  }

  @Test
  void aReferenceTheSnapshotCannotResolveIsNotEvaluatedNeverClean() {
    AccountSnapshot expected = SnapshotJson.parse(AwsStub.read("account-snapshot.json"), "account-snapshot.json");
    List<EcsService> services = expected.services().stream()
        .map(s -> s.serviceName().equals("frontend") ? s.withTaskDefinitionArn("frontend:9") : s)
        .toList();
    AccountSnapshot missing = new AccountSnapshot(expected.schemaVersion(), expected.accountId(), expected.region(),
        expected.collectedAt(), expected.vpcs(), expected.subnets(), expected.routeTables(), expected.vpcEndpoints(),
        expected.securityGroups(), services, expected.taskDefinitions(), expected.pullThroughCacheRules(),
        expected.registryPolicy(), expected.iamRoles(), expected.secrets(), expected.simulations(),
        expected.unreadable());

    List<Finding> gaps = scan(missing).findingsOf(NotEvaluated.DESCRIPTOR.id());

    assertThat(gaps).singleElement().satisfies(f -> {
      assertThat(f.workloads()).containsExactly("web/frontend");
      assertThat(f.message()).contains("not in the snapshot: task definition frontend:9").contains("PP007");
    });
  }
}
