package dev.pullpath.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.snapshot.AccountSnapshot;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A generated account with many pages, batches and shared objects, read without throttling or latency. */
class LargeAccountTest {

  @Test
  void aLargeAccountIsReadCompletelyWithBoundedBatchesAndNoRepeatedFetch() throws Exception {
    SyntheticAccountServer.Shape shape = new SyntheticAccountServer.Shape(120, 30, 12, 3, 6, 7, 0, 0);
    try (SyntheticAccountServer server = new SyntheticAccountServer(shape)) {
      CallRecorder recorder = new CallRecorder();
      LiveScanOptions options = LiveScanOptions.forRegion(SyntheticAccountServer.REGION)
          .withEndpointOverride(server.endpoint());

      CollectionResult result = LiveScanTestSupport.collector().collect(options, ProgressListener.silent(), recorder);

      AccountSnapshot snapshot = result.snapshot();
      assertThat(server.violation()).isNull();
      assertThat(snapshot.unreadable()).isEmpty();
      assertThat(snapshot.accountId()).isEqualTo(SyntheticAccountServer.ACCOUNT);
      assertThat(snapshot.services()).hasSize(120);
      assertThat(snapshot.taskDefinitions()).hasSize(30);
      assertThat(snapshot.vpcs()).hasSize(12);
      assertThat(snapshot.subnets()).hasSize(24);
      assertThat(snapshot.vpcEndpoints()).hasSize(48);
      assertThat(snapshot.iamRoles()).hasSize(6)
          .allSatisfy(r -> assertThat(r.attachedPolicies()).hasSize(2));
      assertThat(snapshot.secrets()).hasSize(2);
      // 5 families per role, each needing 5 ECR actions on its repository and 2 log actions, plus the token.
      // Every cached repository exists, so ecr:CreateRepository is not asked: 4 repository actions, not 5.
      assertThat(snapshot.repositories()).hasSize(30).allSatisfy(r -> assertThat(r.imageTags()).containsExactly("1"));
      assertThat(snapshot.simulations()).hasSize(6 * (1 + 5 * 4 + 5 * 2));
      assertThat(server.repeatedFetches()).isEmpty();

      Map<String, Long> calls = recorder.calls().stream()
          .collect(Collectors.groupingBy(ApiCall::action, Collectors.counting()));
      // 40 services per cluster, listed 7 at a time: 6 pages; described by page-independent batches of 10.
      assertThat(calls).containsEntry("ecs:ListServices", 3L * 6).containsEntry("ecs:DescribeServices", 3L * 4)
          .containsEntry("ecs:DescribeTaskDefinition", 30L).containsEntry("ec2:DescribeVpcAttribute", 24L)
          .containsEntry("iam:GetPolicy", 7L).containsEntry("iam:SimulatePrincipalPolicy", 6L * 4)
          .containsEntry("ecr:DescribeRepositories", 5L).containsEntry("ecr:DescribeImages", 30L);
      // docs/live-scan.md: 1 STS + 1 + 18 + 12 + 30 ECS + 2 ECR + 2 secrets + 1 + 1 + 24 + 3 EC2
      // + 6 roles x 4 + 7 policies x 2 + 6 roles x 4 resource sets + 5 repository pages + 30 cached tags.
      assertThat(result.apiCalls()).isEqualTo(192);
      assertThat(server.requests()).isEqualTo(result.apiCalls());
    }
  }
}
