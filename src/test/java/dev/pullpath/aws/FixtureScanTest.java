package dev.pullpath.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.pull.ExecutionRolePermissions;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SimulationResult;
import dev.pullpath.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A live scan of the recorded-shape account equals the snapshot written by hand for it. */
class FixtureScanTest {
  private static AwsStub stub;

  @BeforeAll
  static void start() {
    stub = new AwsStub();
    FixtureAccount.register(stub);
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  @Test
  void liveScanEqualsTheSnapshotFile() throws Exception {
    CallRecorder recorder = new CallRecorder();
    CollectionResult result =
        LiveScanTestSupport.collector().collect(LiveScanTestSupport.options(stub), ProgressListener.silent(), recorder);
    Files.writeString(Path.of("target/live-fixture.json"), SnapshotJson.write(result.snapshot()));
    AccountSnapshot expected = SnapshotJson.parse(AwsStub.read("account-snapshot.json"), "account-snapshot.json");
    AccountSnapshot live = withCollectedAt(result.snapshot(), expected.collectedAt());
    assertThat(SnapshotJson.write(live)).isEqualTo(SnapshotJson.write(expected));
    assertThat(live).isEqualTo(expected);

    // The recorded simulator answers must answer the questions PP007 asks, or the rule silently falls
    // back to its own evaluation and the fixture stops testing the simulator path.
    for (SimulationResult answer : live.simulations()) {
      assertThat(live.taskDefinitions().stream()
          .filter(td -> answer.principalArn().equals(td.executionRoleArn()))
          .flatMap(td -> ExecutionRolePermissions.of(live, td).stream()))
          .as("a question for %s", answer)
          .anyMatch(p -> p.action().equals(answer.action()) && p.resource().equals(answer.resource()));
    }

    Scanner scanner = new Scanner(RuleRegistry.loadInstalled().all());
    ScanResult fromLive = scanner.scan(live, "aws://111122223333/eu-west-1", Severity.NOTE);
    ScanResult fromFile = scanner.scan(expected, "aws://111122223333/eu-west-1", Severity.NOTE);
    assertThat(fromLive.findings()).isEqualTo(fromFile.findings()).isNotEmpty();
  }

  static AccountSnapshot withCollectedAt(AccountSnapshot s, String collectedAt) {
    return new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), collectedAt, s.vpcs(), s.subnets(),
        s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(), s.taskDefinitions(),
        s.pullThroughCacheRules(), s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(), s.unreadable(),
        s.managedPrefixLists(), s.repositories(), s.logGroups());
  }
}
