package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.Finding;
import dev.pullpath.check.ScanResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {
  private static final Pattern TAG = Pattern.compile("<[a-zA-Z][^>]*>");
  private static final Pattern ATTRIBUTE_URL = Pattern.compile("([\\w-]+)\\s*=\\s*[\"']?\\s*(?:https?:)?//");
  private final HtmlRenderer renderer = new HtmlRenderer();

  @Test
  void hostileScanDataIsEscapedEverywhere() {
    String html = renderer.render(Fixtures.hostile(), Fixtures.OPTIONS);

    assertThat(html).doesNotContain("<script>alert", "<img", "<svg onload", "<b>markup", "<i>it", "\"onmouseover=",
        "onerror=alert(3)>", "</pre><script>");
    assertThat(html).contains(
        "&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=alert(2) x=&#39;&amp;amp;",
        "evil/&lt;img src=x onerror=alert(3)&gt;",
        "Message with &lt;b&gt;markup&lt;/b&gt; &amp; &quot;quotes&quot; and &#39;apostrophes&#39;",
        "&lt;/pre&gt;&lt;script&gt;alert(5)&lt;/script&gt;",
        "&lt;svg onload=alert(6)&gt;",
        "snap&quot;&lt;x&gt;.json");
    assertThat(count(html, "<script")).isEqualTo(1);
  }

  @Test
  void hostileIdsArePercentEncodedInConsoleLinks() {
    String html = renderer.render(Fixtures.hostile(), Fixtures.OPTIONS);

    assertThat(html).contains("#VpcDetails:VpcId=%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22onmouseover%3D");
  }

  @Test
  void loadsNothingFromOutside() {
    for (String html : List.of(renderer.render(Fixtures.broken(), Fixtures.OPTIONS),
        renderer.render(Fixtures.hostile(), Fixtures.OPTIONS))) {
      List<String> tags = tags(html);
      assertThat(tags).noneMatch(tag -> tag.matches("(?is)<(link|img|iframe|object|embed|video|audio|source)\\b.*"))
          .noneMatch(tag -> tag.matches("(?is).*\\s(src|srcset|action|formaction|style|on\\w+)\\s*=.*"));
      List<String> attributesWithUrls = new ArrayList<>();
      for (String tag : tags) {
        Matcher m = ATTRIBUTE_URL.matcher(tag);
        while (m.find()) {
          attributesWithUrls.add(m.group(1));
        }
      }
      assertThat(attributesWithUrls).isNotEmpty().containsOnly("href");
      assertThat(between(html, "<style>", "</style>")).doesNotContain("url(", "@import");
    }
  }

  @Test
  void contentSecurityPolicyAllowsOnlyTheInlineStyleAndScript() throws Exception {
    String html = renderer.render(Fixtures.broken(), Fixtures.OPTIONS);
    String style = between(html, "<style>", "</style>");
    String script = between(html, "<script>", "</script>");

    assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; "
        + "style-src &#39;" + sha256(style) + "&#39;; script-src &#39;" + sha256(script) + "&#39;");
  }

  @Test
  void groupsByResourceThenRuleWithSeverityFilterAndSearch() {
    String html = renderer.render(Fixtures.broken(), Fixtures.OPTIONS);

    assertThat(html).contains("<title>pullpath report: 123456789012 eu-west-1</title>");
    assertThat(html.indexOf("<h2>vpc-0abc (AWS::EC2::VPC)</h2>")).isPositive()
        .isLessThan(html.indexOf("<h2>123456789012 (AWS::::Account)</h2>"));
    assertThat(html.indexOf("<h2>123456789012 (AWS::::Account)</h2>"))
        .isLessThan(html.indexOf("<h2>shop-worker-exec (AWS::IAM::Role)</h2>"));
    assertThat(html).contains("<details class=\"group\" data-group open>", "<p class=\"blocks\">Blocks <code>shop/api</code></p>",
        "<input type=\"search\" data-search");
    assertThat(html).contains("<li><code>shop/web</code> <span class=\"pass\">ok</span></li>");
    assertThat(count(html, "<h3>PP011 vpc-dns")).isEqualTo(1);
    assertThat(html).doesNotContain("github.com");
    String linked = renderer.render(Fixtures.broken(),
        Fixtures.OPTIONS.withDocsUrl(DocsUrl.parse("https://docs.example.com/pullpath/")));
    assertThat(count(linked, "<h3><a href=\"https://docs.example.com/pullpath/PP011.md\">PP011</a> vpc-dns"))
        .isEqualTo(1);
    assertThat(html).contains("<span class=\"n\">2</span> errors", "<span class=\"n\">1</span> warning",
        "<span class=\"n\">1</span> note");
    for (String severity : List.of("error", "warning", "note")) {
      assertThat(html).contains("<input type=\"checkbox\" data-filter=\"" + severity + "\" checked>");
    }
    assertThat(count(html, "class=\"finding ")).isEqualTo(4);
    assertThat(count(html, "data-severity=\"error\"")).isEqualTo(2);
    assertThat(html).contains("<td><span class=\"pass\">PASS</span></td>");
  }

  @Test
  void groupsBeyondAScreenfulStartCollapsed() {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      findings.add(Finding.builder(Fixtures.VPC_DNS, Fixtures.vpc("vpc-" + i), "shop/api")
          .message("VPC vpc-" + i + " has enableDnsSupport off").fix("Turn it on.", null).build());
    }
    ScanResult many = new ScanResult(Fixtures.ACCOUNT, Fixtures.REGION, Fixtures.SOURCE, List.of(Fixtures.VPC_DNS),
        findings, List.of("shop/api"));

    String html = renderer.render(many, Fixtures.OPTIONS);

    assertThat(count(html, "<details class=\"group\" data-group open>")).isEqualTo(10);
    assertThat(count(html, "<details class=\"group\" data-group>")).isEqualTo(2);
  }

  @Test
  void everyCommandHasACopyButtonForItsOwnPre() {
    String html = renderer.render(Fixtures.broken(), Fixtures.OPTIONS);

    assertThat(count(html, "<button type=\"button\" data-copy=")).isEqualTo(2);
    assertThat(html).contains(
        "<pre id=\"cli-1\">aws ec2 modify-vpc-attribute --region eu-west-1 --vpc-id vpc-0abc "
            + "--enable-dns-hostnames &#39;{&quot;Value&quot;:true}&#39;</pre>"
            + "<button type=\"button\" data-copy=\"cli-1\"",
        "<pre id=\"cli-2\">", "data-copy=\"cli-2\"");
    assertThat(html).contains("navigator.clipboard", "execCommand('copy')");
  }

  @Test
  void linksResourcesToTheirConsolePage() {
    String html = renderer.render(Fixtures.broken(), Fixtures.OPTIONS);

    assertThat(html).contains(
        "<a href=\"https://eu-west-1.console.aws.amazon.com/vpcconsole/home?region=eu-west-1"
            + "#VpcDetails:VpcId=vpc-0abc\"",
        "<a href=\"https://console.aws.amazon.com/iam/home#/roles/details/shop-worker-exec\"");
  }

  @Test
  void aCleanScanHasNoFilterAndSaysSo() {
    String html = renderer.render(Fixtures.clean(), Fixtures.OPTIONS);

    assertThat(html).contains("No findings in 2 workloads.").doesNotContain("<input");
  }

  @Test
  void outputIsStable() {
    assertThat(renderer.render(Fixtures.broken(), Fixtures.OPTIONS))
        .isEqualTo(renderer.render(Fixtures.broken(), Fixtures.OPTIONS))
        .doesNotContain("\r");
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  /** Real tags only: scan data has its {@code <} escaped, so it cannot open one. */
  private static List<String> tags(String html) {
    List<String> tags = new ArrayList<>();
    Matcher m = TAG.matcher(html);
    while (m.find()) {
      tags.add(m.group());
    }
    return tags;
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start) + start.length();
    return text.substring(from, text.indexOf(end, from));
  }

  private static String sha256(String text) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return "sha256-" + Base64.getEncoder().encodeToString(hash);
  }
}
