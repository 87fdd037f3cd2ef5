package dev.pullpath.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.UnreadablePart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScannerTest {
  private static final AccountSnapshot EMPTY = SnapshotJson.parse("{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\"}", "t");

  /** A rule that reads VPC endpoints and always reports one warning. */
  @RuleInfo(id = "PP900", name = "always-warns", title = "t", summary = "s", severity = Severity.WARNING,
      reads = SnapshotPart.VPC_ENDPOINTS)
  static class AlwaysWarns implements Rule {
    final List<AccountSnapshot> seen = new ArrayList<>();

    @Override
    public RuleDescriptor descriptor() {
      return RuleDescriptor.of(getClass());
    }

    @Override
    public List<Finding> check(AccountSnapshot snapshot) {
      seen.add(snapshot);
      return List.of(Finding.builder(descriptor(), new ResourceRef("AWS::EC2::VPC", "vpc-1", "arn"), "c/s")
          .message("m").fix("f", null).build());
    }
  }

  @RuleInfo(id = "PP901", name = "other", title = "t", summary = "s", severity = Severity.ERROR, reads = {})
  static final class Other extends AlwaysWarns {}

  @Test
  void aRuleWhoseInputWasNotCollectedIsReportedAsNotEvaluatedInsteadOfRun() {
    AlwaysWarns rule = new AlwaysWarns();
    AccountSnapshot partial = new AccountSnapshot(1, "111122223333", "eu-west-1", null, null, null, null, null, null,
        null, null, null, null, null, null, null,
        List.of(new UnreadablePart(SnapshotPart.VPC_ENDPOINTS, "ec2:DescribeVpcEndpoints", "UnauthorizedOperation")),
        null, null, null);

    ScanResult result = new Scanner(List.of(rule)).scan(partial, "s", Severity.NOTE);

    assertThat(rule.seen).isEmpty();
    assertThat(result.findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("PP000");
      assertThat(f.message()).contains("PP900", "ec2:DescribeVpcEndpoints");
    });
    assertThat(result.rules()).extracting(RuleDescriptor::id).containsExactly("PP000", "PP900");
  }

  @Test
  void minimumSeverityDropsLesserFindings() {
    ScanResult result = new Scanner(List.of(new AlwaysWarns())).scan(EMPTY, "s", Severity.ERROR);
    assertThat(result.findings()).isEmpty();
    assertThat(new Scanner(List.of(new AlwaysWarns())).scan(EMPTY, "s", Severity.WARNING).findings()).hasSize(1);
  }

  @Test
  void registrySelectsAndRejectsDuplicates() {
    RuleRegistry registry = new RuleRegistry(List.of(new Other(), new AlwaysWarns()));
    assertThat(registry.descriptors()).extracting(RuleDescriptor::id).containsExactly("PP900", "PP901");
    assertThat(registry.select(List.of("pp901", "PP900"), List.of("PP900")))
        .extracting(r -> r.descriptor().id()).containsExactly("PP901");
    assertThatThrownBy(() -> registry.select(List.of(), List.of("PP999")))
        .isInstanceOf(UnknownRuleException.class).hasMessageContaining("known: PP900, PP901");
    assertThatThrownBy(() -> new RuleRegistry(List.of(new AlwaysWarns(), new AlwaysWarns())))
        .hasMessageContaining("two rules share id PP900");
  }

  @Test
  void fingerprintsFollowTheRootCauseNotTheWorkloadsItBlocks() {
    Finding a = new AlwaysWarns().check(EMPTY).get(0);
    Finding b = new AlwaysWarns().check(EMPTY).get(0);
    Finding blocksMore = new Finding(a.ruleId(), a.severity(), a.resource(), List.of("c/s", "c/other"), a.message(),
        a.fix(), a.evidence());
    Finding otherResource = new Finding(a.ruleId(), a.severity(), new ResourceRef("AWS::EC2::VPC", "vpc-2", "arn:2"),
        a.workloads(), a.message(), a.fix(), a.evidence());
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).hasSize(32);
    assertThat(blocksMore.fingerprint()).as("one more blocked service is the same alert").isEqualTo(a.fingerprint());
    assertThat(otherResource.fingerprint()).isNotEqualTo(a.fingerprint());
  }
}
