package dev.pullpath.aws;

import static dev.pullpath.aws.AwsStub.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullpath.aws.AwsStub.Api;
import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.UnreadablePart;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Throttling, server errors, refused reads and bad credentials against the fixture account. */
class FaultsTest {
  private AwsStub stub;
  private final CallRecorder recorder = new CallRecorder();

  @BeforeEach
  void start() {
    stub = new AwsStub();
    FixtureAccount.register(stub);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private CollectionResult scan() {
    return LiveScanTestSupport.collector()
        .collect(LiveScanTestSupport.options(stub), ProgressListener.silent(), recorder);
  }

  private static AccountSnapshot expected() {
    return SnapshotJson.parse(AwsStub.read("account-snapshot.json"), "account-snapshot.json");
  }

  private static AccountSnapshot normalized(CollectionResult result) {
    return FixtureScanTest.withCollectedAt(result.snapshot(), expected().collectedAt());
  }

  @Test
  void throttlingIsRetriedUntilItPasses() {
    stub.failFirst(Api.EC2, "DescribeVpcs", 2, 503, error(Api.EC2, "RequestLimitExceeded"));
    stub.failFirst(Api.IAM, "GetRole", 1, 400, error(Api.IAM, "Throttling"));
    stub.failFirst(Api.ECS, "ListClusters", 1, 429, error(Api.ECS, "ThrottlingException"));
    stub.failFirst(Api.ECR, "DescribePullThroughCacheRules", 1, 400, error(Api.ECR, "ThrottlingException"));

    CollectionResult result = scan();

    assertThat(normalized(result)).isEqualTo(expected());
    assertThat(result.apiCalls()).isEqualTo(FixtureAccount.MINIMUM_CALLS);
    assertThat(recorder.attemptCount()).isEqualTo(FixtureAccount.MINIMUM_CALLS + 5);
  }

  @Test
  void serverErrorsAreRetriedUntilTheyPass() {
    stub.failFirst(Api.ECR, "GetRegistryPolicy", 2, 500, error(Api.ECR, "ServerException"));
    stub.failFirst(Api.STS, "GetCallerIdentity", 1, 500, error(Api.STS, "InternalFailure"));
    stub.failFirst(Api.IAM, "SimulatePrincipalPolicy", 1, 503, error(Api.IAM, "ServiceUnavailable"));

    CollectionResult result = scan();

    assertThat(normalized(result)).isEqualTo(expected());
    assertThat(recorder.attemptCount()).isEqualTo(FixtureAccount.MINIMUM_CALLS + 4);
  }

  @Test
  void refusedEc2ReadsLeaveTheNetworkUnknownAndTheRestIntact() {
    stub.failAll(Api.EC2, 403, error(Api.EC2, "UnauthorizedOperation"));

    AccountSnapshot snapshot = scan().snapshot();

    assertThat(snapshot.subnets()).isEmpty();
    assertThat(snapshot.vpcs()).isEmpty();
    assertThat(snapshot.services()).isEqualTo(expected().services());
    assertThat(snapshot.iamRoles()).isEqualTo(expected().iamRoles());
    assertThat(snapshot.simulations()).isEqualTo(expected().simulations());
    assertThat(snapshot.unreadable()).containsExactly(
        new UnreadablePart(SnapshotPart.VPCS, "ec2:DescribeSubnets",
            "not collected: needs subnets (UnauthorizedOperation)"),
        new UnreadablePart(SnapshotPart.SUBNETS, "ec2:DescribeSubnets", "UnauthorizedOperation"),
        new UnreadablePart(SnapshotPart.ROUTE_TABLES, "ec2:DescribeSubnets",
            "not collected: needs subnets (UnauthorizedOperation)"),
        new UnreadablePart(SnapshotPart.VPC_ENDPOINTS, "ec2:DescribeSubnets",
            "not collected: needs subnets (UnauthorizedOperation)"),
        new UnreadablePart(SnapshotPart.SECURITY_GROUPS, "ec2:DescribeSubnets",
            "not collected: needs subnets (UnauthorizedOperation)"),
        new UnreadablePart(SnapshotPart.MANAGED_PREFIX_LISTS, "ec2:DescribeSubnets",
            "not collected: needs securityGroups (not collected: needs subnets (UnauthorizedOperation))"));
    List<Finding> findings = new Scanner(RuleRegistry.loadInstalled().all())
        .scan(snapshot, "test", Severity.NOTE).findings();
    assertThat(findings).extracting(Finding::ruleId).contains("PP000");
  }

  @Test
  void aRefusedReadDeepInTheChainMarksOnlyItsPart() {
    stub.failAll(Api.SECRETS, 400, error(Api.SECRETS, "AccessDeniedException"));
    stub.failAlways(Api.IAM, "GetPolicyVersion", 403, error(Api.IAM, "AccessDenied"));

    AccountSnapshot snapshot = scan().snapshot();

    assertThat(snapshot.unreadable()).containsExactly(
        new UnreadablePart(SnapshotPart.IAM_ROLES, "iam:GetPolicyVersion", "AccessDenied"),
        new UnreadablePart(SnapshotPart.SECRETS, "secretsmanager:DescribeSecret", "AccessDeniedException"));
    assertThat(snapshot.secrets()).isEmpty();
    assertThat(snapshot.services()).hasSize(3);
    assertThat(snapshot.vpcEndpoints()).hasSize(5);
  }

  @Test
  void refusedPrefixListEntriesLeaveOnlyTheListsUnknown() {
    stub.failAlways(Api.EC2, "GetManagedPrefixListEntries", 403, error(Api.EC2, "UnauthorizedOperation"));

    AccountSnapshot snapshot = scan().snapshot();

    assertThat(snapshot.managedPrefixLists()).isEmpty();
    assertThat(snapshot.unreadable()).containsExactly(new UnreadablePart(
        SnapshotPart.MANAGED_PREFIX_LISTS, "ec2:GetManagedPrefixListEntries", "UnauthorizedOperation"));
    assertThat(snapshot.securityGroups()).isEqualTo(expected().securityGroups());
  }

  @Test
  void aRefusedSimulatorOnlyLeavesSimulationsEmpty() {
    stub.failAlways(Api.IAM, "SimulatePrincipalPolicy", 403, error(Api.IAM, "AccessDenied"));

    AccountSnapshot snapshot = scan().snapshot();

    assertThat(snapshot.simulations()).isEmpty();
    assertThat(snapshot.unreadable()).containsExactly(
        new UnreadablePart(SnapshotPart.SIMULATIONS, "iam:SimulatePrincipalPolicy", "AccessDenied"));
    assertThat(snapshot.iamRoles()).isEqualTo(expected().iamRoles());
  }

  @Test
  void aTagNotCachedYetLeavesTheRepositoryWithoutIt() {
    stub.failAlways(Api.ECR, "DescribeImages", 400, error(Api.ECR, "ImageNotFoundException"));

    AccountSnapshot snapshot = scan().snapshot();

    assertThat(snapshot.repositories())
        .containsExactly(new dev.pullpath.snapshot.Repository("docker-hub/library/nginx", List.of()));
    assertThat(snapshot.unreadable()).isEmpty();
  }

  @Test
  void refusedRepositoryReadsKeepCreateRepositoryRequired() {
    stub.failAlways(Api.ECR, "DescribeRepositories", 400, error(Api.ECR, "AccessDeniedException"));

    AccountSnapshot snapshot = scan().snapshot();

    assertThat(snapshot.repositories()).isEmpty();
    assertThat(snapshot.unreadable()).containsExactly(
        new UnreadablePart(SnapshotPart.REPOSITORIES, "ecr:DescribeRepositories", "AccessDeniedException"));
    assertThat(snapshot.taskDefinitions()).flatMap(td -> dev.pullpath.pull.ExecutionRolePermissions.of(snapshot, td))
        .anySatisfy(p -> {
          assertThat(p.action()).isEqualTo("ecr:CreateRepository");
          assertThat(p.reason()).endsWith("repositories not readable");
        });
  }

  @Test
  void aRegistryWithoutPolicyIsNoError() {
    stub.failAlways(Api.ECR, "GetRegistryPolicy", 400, error(Api.ECR, "RegistryPolicyNotFoundException"));

    AccountSnapshot snapshot = scan().snapshot();

    assertThat(snapshot.registryPolicy()).isNull();
    assertThat(snapshot.unreadable()).isEmpty();
  }

  @Test
  void expiredCredentialsEndTheScanWithOneLine() {
    stub.failAll(Api.STS, 403, error(Api.STS, "ExpiredToken"));
    stub.failAll(Api.ECS, 400, error(Api.ECS, "ExpiredTokenException"));

    assertThatThrownBy(this::scan)
        .isInstanceOf(AwsAccessException.class)
        .hasMessageContaining("expired")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("wJalrXUtnFEMI")
        .hasMessageNotContaining("AKIAIOSFODNN7EXAMPLE");
  }

  @Test
  void rejectedCredentialsEndTheScan() {
    stub.failAll(Api.STS, 403, error(Api.STS, "InvalidClientTokenId"));

    assertThatThrownBy(this::scan)
        .isInstanceOf(AwsAccessException.class)
        .hasMessageStartingWith("AWS rejected the credentials (InvalidClientTokenId)");
  }

  @Test
  void nothingReadableEndsTheScan() {
    for (Api api : new Api[] {Api.EC2, Api.IAM, Api.ECR}) {
      stub.failAll(api, 403, error(api, api == Api.EC2 ? "UnauthorizedOperation" : "AccessDenied"));
    }
    stub.failAll(Api.ECS, 400, error(Api.ECS, "AccessDeniedException"));
    stub.failAll(Api.ECR, 400, error(Api.ECR, "AccessDeniedException"));

    assertThatThrownBy(this::scan)
        .isInstanceOf(AwsAccessException.class)
        .hasMessageStartingWith("nothing could be read in eu-west-1")
        .hasMessageContaining("ecs:ListClusters AccessDeniedException")
        .hasMessageContaining("docs/iam-policy-scan.json");
  }

  @Test
  void missingCredentialsSayHowToConfigureThem() {
    AwsCredentialsProvider none = () -> {
      throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
    };
    LiveCollector collector = new LiveCollector(none, null);

    assertThatThrownBy(() -> collector.collect(LiveScanTestSupport.options(stub), ProgressListener.silent()))
        .isInstanceOf(AwsAccessException.class)
        .hasMessageStartingWith("no AWS credentials found: run `aws configure`");
    assertThat(stub.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void anExpiredSsoSessionSaysToLogInAgain() {
    AwsCredentialsProvider expired = () -> {
      throw SdkClientException.create("Unable to load credentials from any of the providers in the chain: "
          + "[ProfileCredentialsProvider(): The SSO session associated with this profile has expired or is otherwise "
          + "invalid. To refresh this SSO session run aws sso login with the corresponding profile.]");
    };

    assertThatThrownBy(() -> new LiveCollector(expired, null)
            .collect(LiveScanTestSupport.options(stub), ProgressListener.silent()))
        .isInstanceOf(AwsAccessException.class)
        .hasMessageContaining("run `aws sso login`");
  }

  @Test
  void anUnreachableEndpointEndsTheScan() {
    LiveScanOptions options = new LiveScanOptions("eu-west-1", null, URI.create("http://127.0.0.1:9"), null,
        List.of(), List.of(), List.of(), 2, 2);

    assertThatThrownBy(() -> LiveScanTestSupport.collector().collect(options, ProgressListener.silent()))
        .isInstanceOf(AwsAccessException.class)
        .hasMessageStartingWith("cannot reach the AWS endpoints of eu-west-1");
  }
}
