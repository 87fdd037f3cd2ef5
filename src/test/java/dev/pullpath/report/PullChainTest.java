package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.Finding;
import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.ResourceRef;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.SnapshotPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pull path of each workload as inline SVG in the HTML report. */
class PullChainTest {
  private static final Pattern HREF = Pattern.compile("<a href=\"#([^\"]+)\">");
  private static final String HOSTILE = "evil/<img src=x onerror=alert(1)>";

  @Test
  void eachLinkIsGreenRedOrGreyByItsRule() {
    Map<String, PullChain.State> api = states(PullChain.of(result()).get(0));
    Map<String, PullChain.State> web = states(PullChain.of(result()).get(1));

    assertThat(api).containsEntry("ecr.api", PullChain.State.BLOCKED)
        .containsEntry("ecr.dkr", PullChain.State.OK) // a warning concerns the workload, it does not block it
        .containsEntry("S3 route", PullChain.State.OK)
        .containsEntry("starport policy", PullChain.State.UNKNOWN) // PP000 for the whole account
        .containsEntry("cache rule", PullChain.State.UNKNOWN) // PP009 did not run
        .containsEntry("image", PullChain.State.OK);
    assertThat(web).containsEntry("ecr.api", PullChain.State.BLOCKED)
        .containsEntry("S3 route", PullChain.State.UNKNOWN) // PP000 for this workload only
        .containsEntry("endpoint SG 443", PullChain.State.UNKNOWN)
        .containsEntry("starport policy", PullChain.State.UNKNOWN);
    assertThat(PullChain.of(result()).get(0).links()).extracting(l -> l.step().ruleId())
        .containsExactly("PP008", "PP009", "PP001", "PP002", "PP005", "PP003", "PP006", "PP007");
  }

  @Test
  void everyRedLinkLeadsToItsFindingOnThePageAndOnlyRedLinksLink() {
    for (GroupBy grouping : GroupBy.values()) {
      String html = new HtmlRenderer().render(result(), Fixtures.OPTIONS.withGroupBy(grouping));

      List<String> targets = new ArrayList<>();
      Matcher m = HREF.matcher(html);
      while (m.find()) {
        targets.add(m.group(1));
      }
      // Two workloads blocked by the same missing ecr.api endpoint: both lead to its one finding.
      assertThat(targets).as(grouping.name()).hasSize(2).containsOnly(targets.get(0));
      assertThat(count(html, "id=\"" + targets.get(0) + "\"")).as("one element per id, " + grouping).isEqualTo(1);
      String target = html.substring(html.indexOf("id=\"" + targets.get(0) + "\""));
      assertThat(target.substring(0, target.indexOf("</article>"))).contains("interface endpoint &amp; more");
      assertThat(count(html, "<svg class=\"chain-svg\"")).isEqualTo(2);
    }
  }

  @Test
  void textInThePictureIsEscapedAndItNeedsNoStyleAttributeOrScript() {
    String html = new HtmlRenderer().render(result(), Fixtures.OPTIONS);
    String pictures = html.substring(html.indexOf("<details class=\"chains\""), html.indexOf("</details>",
        html.indexOf("<details class=\"chains\"")));

    assertThat(pictures).doesNotContain("<img", "<b>")
        .contains("role=\"img\" aria-label=\"Pull path: image passes; cache rule not evaluated; ecr.api blocked "
            + "by PP001;")
        .contains("<title>ecr.api: PP001 ecr-api-endpoint blocked by</title>")
        .contains("<figcaption><code>evil/&lt;img src=x onerror=alert(1)&gt;</code></figcaption>");
    Matcher tags = Pattern.compile("<[a-zA-Z][^>]*>").matcher(pictures);
    while (tags.find()) {
      assertThat(tags.group()).doesNotContainPattern("\\s(on\\w+|style|src)\\s*=");
    }
  }

  @Test
  void aLargeEstateGetsNoWallOfPictures() {
    List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i <= HtmlRenderer.CHAINS_MAX; i++) {
      many.add("c/s" + i);
    }
    ScanResult large = new ScanResult("123456789012", "eu-west-1", "s.json", List.of(rule("PP001")), List.of(), many);

    assertThat(new HtmlRenderer().render(large, Fixtures.OPTIONS)).doesNotContain("<svg")
        .contains("Pull-path pictures are drawn for scans of up to 200 workloads; this one has 201 workloads.");
  }

  @Test
  void aPageWithoutWorkloadsHasNoPullPaths() {
    ScanResult none = new ScanResult("123456789012", "eu-west-1", "s.json", List.of(rule("PP001")), List.of(),
        List.of());

    assertThat(new HtmlRenderer().render(none, Fixtures.OPTIONS)).doesNotContain("Pull paths", "<svg");
  }

  /**
   * Workloads {@value #HOSTILE} and shop/web: ecr.api missing for both (error), an AZ warning of ecr.dkr
   * for the first, PP000 for the starport policy everywhere and for PP003/PP005 of shop/web; PP009 not run.
   */
  private static ScanResult result() {
    ResourceRef vpc = Fixtures.vpc("vpc-0abc");
    ResourceRef account = new ResourceRef("AWS::::Account", "123456789012", "arn:aws:iam::123456789012:root");
    Finding missingApi = new Finding("PP001", Severity.ERROR, vpc, List.of(HOSTILE, "shop/web"),
        "VPC has <b>no</b> interface endpoint & more", new dev.pullpath.check.FixHint("Create it.", null), List.of());
    Finding azWarning = new Finding("PP002", Severity.WARNING, vpc, List.of(HOSTILE), "one AZ only",
        new dev.pullpath.check.FixHint("Add a subnet.", null), List.of());
    Finding starportUnknown = new Finding("PP000", Severity.WARNING, account, List.of(),
        "PP006 starport-layer-access not evaluated: missing permission", new dev.pullpath.check.FixHint("Allow.", null),
        List.of());
    Finding webUnknown = new Finding("PP000", Severity.WARNING, account, List.of("shop/web"),
        "shop/web not evaluated by PP003, PP005, so its verdict is unknown", new dev.pullpath.check.FixHint("Check.",
        null), List.of());
    List<RuleDescriptor> rules = new ArrayList<>(List.of(NotEvaluated.DESCRIPTOR));
    for (String id : List.of("PP001", "PP002", "PP003", "PP005", "PP006", "PP007", "PP008")) {
      rules.add(rule(id));
    }
    return new ScanResult("123456789012", "eu-west-1", "s.json", rules,
        List.of(missingApi, azWarning, starportUnknown, webUnknown), List.of(HOSTILE, "shop/web"));
  }

  private static RuleDescriptor rule(String id) {
    String name = id.equals("PP001") ? "ecr-api-endpoint" : "rule-" + id.toLowerCase();
    return new RuleDescriptor(id, name, "title", "summary", Severity.ERROR, List.of(SnapshotPart.VPCS));
  }

  private static Map<String, PullChain.State> states(PullChain chain) {
    Map<String, PullChain.State> states = new LinkedHashMap<>();
    chain.links().forEach(l -> states.put(l.step().label(), l.state()));
    return states;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
