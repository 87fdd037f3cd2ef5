package dev.pullpath.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.policy.Decision;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.policy.PolicyEvaluator;
import dev.pullpath.policy.PolicyRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the collectors send for the fixture account, as the SDK interceptor recorded it. */
class CallLogTest {
  private static AwsStub stub;
  private static CallRecorder recorder;
  private static CollectionResult result;

  @BeforeAll
  static void scan() {
    stub = new AwsStub();
    FixtureAccount.register(stub);
    recorder = new CallRecorder();
    result = LiveScanTestSupport.collector()
        .collect(LiveScanTestSupport.options(stub), ProgressListener.silent(), recorder);
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  @Test
  void onlyReadOnlyActionsAreCalled() {
    assertThat(recorder.calls())
        .extracting(ApiCall::action)
        .allSatisfy(action -> assertThat(action).matches("[a-z0-9]+:(Describe|List|Get|Simulate)[A-Za-z]+"));
  }

  @Test
  void everyActionCalledIsAllowedByTheShippedScanPolicy() throws Exception {
    PolicyDocument policy = PolicyDocument.parse(Files.readString(Path.of("docs/iam-policy-scan.json")));
    Set<String> actions = recorder.calls().stream().map(ApiCall::action).collect(Collectors.toSet());
    assertThat(actions).hasSize(26);
    for (String action : actions) {
      String resource = resourceFor(action);
      assertThat(PolicyEvaluator.evaluate(List.of(policy), PolicyRequest.of(action, resource)).decision())
          .as(action + " on " + resource)
          .isEqualTo(Decision.ALLOWED);
    }
  }

  @Test
  void noObjectIsFetchedTwice() {
    Set<ApiCall> seen = new HashSet<>();
    assertThat(recorder.calls()).allSatisfy(call -> assertThat(seen.add(call)).as(call.toString()).isTrue());
  }

  @Test
  void theFixtureAccountIsReadWithTheDocumentedMinimumOfCalls() {
    assertThat(result.apiCalls()).isEqualTo(recorder.callCount()).isEqualTo(FixtureAccount.MINIMUM_CALLS);
    Map<String, Long> perAction = recorder.calls().stream()
        .collect(Collectors.groupingBy(ApiCall::action, Collectors.counting()));
    assertThat(perAction)
        .containsEntry("ecs:DescribeServices", 2L)
        .containsEntry("ecs:DescribeTaskDefinition", 2L)
        .containsEntry("ec2:DescribeVpcAttribute", 4L)
        .containsEntry("iam:GetPolicy", 3L)
        .containsEntry("iam:GetPolicyVersion", 3L)
        .containsEntry("iam:SimulatePrincipalPolicy", 10L)
        .containsEntry("secretsmanager:DescribeSecret", 3L)
        .containsEntry("ecr:DescribeRepositories", 1L)
        .containsEntry("ecr:DescribeImages", 1L)
        .containsEntry("logs:DescribeLogGroups", 1L);
    assertThat(recorder.attemptCount()).isEqualTo(recorder.callCount());
  }

  @Test
  void existenceIsAskedOnlyForWhatTheWorkloadsUse() {
    Function<String, List<String>> requests = action -> recorder.calls().stream()
        .filter(c -> c.action().equals(action)).map(ApiCall::request).toList();
    // Only the cached repository that exists is asked for the tag a task pulls.
    assertThat(requests.apply("ecr:DescribeImages")).singleElement().asString()
        .contains("RepositoryName=docker-hub/library/nginx", "ImageTag=1.27");
    // Only the awslogs-create-group group, by its name as prefix.
    assertThat(requests.apply("logs:DescribeLogGroups")).singleElement().asString()
        .contains("LogGroupNamePrefix=/ecs/frontend");
    // The partial ARN the task names, which Secrets Manager answers with the full ARN PP007 checks.
    assertThat(requests.apply("secretsmanager:DescribeSecret"))
        .anySatisfy(r -> assertThat(r).contains("secret:app/db-password)"));
  }

  @Test
  void filtersAreServerSide() {
    Function<String, List<String>> requests = action -> recorder.calls().stream()
        .filter(c -> c.action().equals(action)).map(ApiCall::request).toList();
    assertThat(requests.apply("ec2:DescribeSubnets").get(0)).contains("Name=subnet-id");
    assertThat(requests.apply("ec2:DescribeRouteTables")).singleElement().asString()
        .contains("Name=vpc-id", "vpc-0a1b2c3d4e5f60001", "vpc-0a1b2c3d4e5f60002");
    assertThat(requests.apply("ec2:DescribeSecurityGroups")).singleElement().asString().contains("Name=vpc-id");
    assertThat(requests.apply("ecs:ListServices")).allSatisfy(r -> assertThat(r).contains("MaxResults=100"));
    assertThat(requests.apply("ec2:DescribeManagedPrefixLists")).singleElement().asString()
        .contains("Name=prefix-list-id", "pl-0a00000000000c001", "pl-6da54004");
  }

  @Test
  void theEntriesOfEachPrefixListARuleNamesAreReadOnce() {
    assertThat(stub.requestBodies())
        .filteredOn(body -> body.contains("Action=GetManagedPrefixListEntries"))
        .extracting(body -> body.replaceAll("(?s).*PrefixListId=([^&]+).*", "$1"))
        .containsExactlyInAnyOrder("pl-0a00000000000c001", "pl-6da54004");
    assertThat(result.snapshot().managedPrefixList("pl-0a00000000000c001").orElseThrow().entries())
        .containsExactly("192.168.10.0/24", "10.0.1.0/24");
  }

  private static String resourceFor(String action) {
    return switch (action.substring(0, action.indexOf(':'))) {
      case "iam" -> action.equals("iam:GetPolicy") || action.equals("iam:GetPolicyVersion")
          ? "arn:aws:iam::111122223333:policy/ecs-boundary"
          : "arn:aws:iam::111122223333:role/ecsTaskExecutionRole";
      case "secretsmanager" ->
          "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Ab12Cd";
      default -> "*";
    };
  }
}
