package dev.pullpath.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootCausesTest {
  private static final RuleDescriptor RULE =
      new RuleDescriptor("PP901", "r", "t", "s", Severity.ERROR, List.of());
  private static final ResourceRef VPC = new ResourceRef("AWS::EC2::VPC", "vpc-1", "arn:vpc-1");

  private static Finding finding(ResourceRef resource, String workload, String message, String cli, String evidence) {
    return Finding.builder(RULE, resource, workload).message(message).fix("do it", cli).evidence(evidence).build();
  }

  @Test
  void copiesOfOneProblemBecomeOneFindingListingEveryBlockedWorkload() {
    List<Finding> folded = RootCauses.fold(List.of(
        finding(VPC, "c/b", "VPC vpc-1 has no endpoint", "aws ec2 create", "subnet-2 in az-b"),
        finding(VPC, "c/a", "VPC vpc-1 has no endpoint", "aws ec2 create", "subnet-1 in az-a"),
        finding(VPC, "c/a", "VPC vpc-1 has no endpoint", "aws ec2 create", "subnet-1 in az-a")));

    assertThat(folded).hasSize(1);
    Finding one = folded.get(0);
    assertThat(one.workloads()).containsExactly("c/a", "c/b");
    assertThat(one.evidence()).containsExactly("subnet-2 in az-b", "subnet-1 in az-a");
    assertThat(one.fix().cli()).isEqualTo("aws ec2 create");
  }

  @Test
  void differentMessagesResourcesOrSeveritiesStaySeparate() {
    ResourceRef other = new ResourceRef("AWS::EC2::VPC", "vpc-2", "arn:vpc-2");
    Finding warning = Finding.builder(RULE, VPC, "c/a").severity(Severity.WARNING).message("m").fix("f", null).build();
    List<Finding> folded = RootCauses.fold(List.of(
        finding(VPC, "c/a", "m", null, "e"), finding(VPC, "c/a", "n", null, "e"), finding(other, "c/a", "m", null, "e"),
        warning));

    assertThat(folded).hasSize(4);
  }

  @Test
  void distinctCommandsForOneCauseAreAllKeptInOrder() {
    List<Finding> folded = RootCauses.fold(List.of(
        finding(VPC, "c/a", "m", "aws ecs update-service --service a", "e"),
        finding(VPC, "c/b", "m", "aws ecs update-service --service b", "e")));

    assertThat(folded.get(0).fix().cli())
        .isEqualTo("aws ecs update-service --service a\naws ecs update-service --service b");
  }

  @Test
  void foldingIsLinearInTheNumberOfFindings() {
    // 200,000 copies of one cause fold through one map entry; a quadratic fold would not finish in a test run.
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      many.add(finding(VPC, "c/s" + i, "m", null, "e"));
    }
    List<Finding> folded = RootCauses.fold(many);
    assertThat(folded).hasSize(1);
    assertThat(folded.get(0).workloads()).hasSize(200_000);
  }
}
