package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.Finding;
import dev.pullpath.check.FixHint;
import dev.pullpath.check.ResourceRef;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRendererTest {
  private final TextRenderer renderer = new TextRenderer();

  @Test
  void groupsFindingsByTheResourceToChangeAndListsCleanWorkloadsAsOk() {
    String text = renderer.render(Fixtures.broken(), Fixtures.OPTIONS);

    assertThat(text).startsWith(
        "pullpath 0.1.0 scan of account 123456789012 in eu-west-1 (source: examples/seed-broken.json)\n");
    assertThat(text.indexOf("\nvpc-0abc (AWS::EC2::VPC)\n")).isPositive()
        .isLessThan(text.indexOf("\n123456789012 (AWS::::Account)\n"));
    assertThat(text.indexOf("\n123456789012 (AWS::::Account)\n"))
        .isLessThan(text.indexOf("\nshop-worker-exec (AWS::IAM::Role)\n"));
    assertThat(text).contains("\nshop/web  ok\n");
    String vpcGroup = text.substring(text.indexOf("\nvpc-0abc (AWS::EC2::VPC)\n"),
        text.indexOf("\n123456789012 (AWS::::Account)\n"));
    assertThat(vpcGroup).contains("enableDnsHostnames off", "enableDnsSupport off", "blocks: shop/api\n")
        .doesNotContain("shop-worker-exec");
  }

  @Test
  void groupedByWorkloadAFindingAppearsUnderEveryWorkloadItBlocks() {
    ScanResult shared = new ScanResult(Fixtures.ACCOUNT, Fixtures.REGION, Fixtures.SOURCE, List.of(Fixtures.VPC_DNS),
        List.of(new Finding("PP011", Severity.ERROR, Fixtures.vpc("vpc-0abc"),
            List.of("shop/api", "shop/web"), "VPC vpc-0abc has enableDnsSupport off",
            new FixHint("Turn it on.", null), List.of())),
        List.of("shop/api", "shop/web", "shop/worker"));

    String byWorkload = renderer.render(shared, Fixtures.OPTIONS.withGroupBy(GroupBy.WORKLOAD));
    String byResource = renderer.render(shared, Fixtures.OPTIONS);

    assertThat(byWorkload).contains("\nshop/api\n  ERROR", "\nshop/web\n  ERROR", "\nshop/worker  ok\n")
        .doesNotContain("blocks:");
    assertThat(byResource).contains("blocks: shop/api, shop/web\n")
        .endsWith("\n1 error, 0 warnings, 0 notes; 1 problem blocks 2 of 3 workloads\n");
  }

  @Test
  void longListsOfBlockedWorkloadsAreCut() {
    assertThat(TextRenderer.workloadList(List.of("a", "b", "c", "d", "e"))).isEqualTo("a, b, c, d, e");
    assertThat(TextRenderer.workloadList(List.of("a", "b", "c", "d", "e", "f", "g")))
        .isEqualTo("a, b, c, d, e and 2 more");
  }

  @Test
  void showsEachFindingWithRuleResourceMessageFixCommandAndEvidence() {
    String text = renderer.render(Fixtures.broken(), Fixtures.OPTIONS);

    assertThat(text).contains(
        "  ERROR   PP011 vpc-dns  vpc-0abc\n"
            + "          VPC vpc-0abc has enableDnsSupport off, so private DNS names of its interface endpoints do not"
            + " resolve\n"
            + "          blocks: shop/api\n"
            + "          fix: Turn on enableDnsSupport for VPC vpc-0abc.\n"
            + "              aws ec2 modify-vpc-attribute --region eu-west-1 --vpc-id vpc-0abc --enable-dns-support"
            + " '{\"Value\":true}'\n"
            + "          evidence:\n"
            + "            - enableDnsSupport = false\n");
    assertThat(text).contains("  NOTE    PP030 execution-role-scope  shop-worker-exec\n");
  }

  @Test
  void summarisesEveryRuleThatRanAndTheTotals() {
    String text = renderer.render(Fixtures.broken(), Fixtures.OPTIONS);

    assertThat(text).contains(
        "rules\n"
            + "  PP000 not-evaluated         1 warning\n"
            + "  PP011 vpc-dns               2 errors\n"
            + "  PP012 ecr-api-endpoint      PASS\n"
            + "  PP030 execution-role-scope  1 note\n");
    assertThat(text).endsWith("\n2 errors, 1 warning, 1 note; 2 problems block 1 of 3 workloads\n");
  }

  @Test
  void aCleanScanSaysSo() {
    String text = renderer.render(Fixtures.clean(), Fixtures.OPTIONS);

    assertThat(text).contains("shop/api  ok\n", "shop/web  ok\n", "  PP011 vpc-dns           PASS\n")
        .endsWith("\nno findings in 2 workloads\n");
  }

  @Test
  void noEscapeCodesWithoutColour() {
    assertThat(renderer.render(Fixtures.broken(), Fixtures.OPTIONS)).doesNotContain("\u001b");
  }

  @Test
  void coloursSeverityLabelsAndPassesWhenAsked() {
    String text = renderer.render(Fixtures.broken(), new ReportOptions("0.1.0", true, null));

    assertThat(text).contains("\u001b[1;31mERROR\u001b[0m", "\u001b[33mWARNING\u001b[0m", "\u001b[36mNOTE\u001b[0m",
        "\u001b[32mPASS\u001b[0m", "\u001b[32mok\u001b[0m");
  }

  @Test
  void controlCharactersFromTheSnapshotCannotReachTheTerminal() {
    ResourceRef sneaky = Fixtures.vpc("vpc-1\u001b[2J\u001b[32m");
    Finding finding = Finding.builder(Fixtures.VPC_DNS, sneaky, "shop/api")
        .message("line one\nshop/api  ok")
        .fix("fix", null)
        .build();
    ScanResult result = new ScanResult(Fixtures.ACCOUNT, Fixtures.REGION, Fixtures.SOURCE,
        List.of(Fixtures.VPC_DNS), List.of(finding), List.of("shop/api"));

    String text = renderer.render(result, new ReportOptions("0.1.0", false, null));

    assertThat(text).doesNotContain("\u001b").contains("vpc-1\\u001b[2J\\u001b[32m")
        .contains("line one\n          shop/api  ok").doesNotContain("\nshop/api  ok");
  }
}
