package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SARIF output against the OASIS SARIF 2.1.0 schema (errata 01, {@code Schemata/sarif-schema-2.1.0.json}
 * of oasis-tcs/sarif-spec, kept unchanged in test resources) and against what GitHub code scanning reads.
 */
class SarifRendererTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema SCHEMA = loadSchema();

  private final SarifRenderer renderer = new SarifRenderer();

  static Stream<Arguments> scans() {
    ScanResult broken = Fixtures.broken();
    ScanResult live = new ScanResult(Fixtures.ACCOUNT, Fixtures.REGION, "aws://123456789012/eu-west-1",
        broken.rules(), broken.findings(), broken.workloads());
    return Stream.of(
        Arguments.of("broken", broken, new ReportOptions("0.1.0", false, Fixtures.SOURCE_TEXT)),
        Arguments.of("clean", Fixtures.clean(), Fixtures.OPTIONS),
        Arguments.of("hostile", Fixtures.hostile(), Fixtures.OPTIONS),
        Arguments.of("live", live, ReportOptions.plain("0.2.0-SNAPSHOT")),
        Arguments.of("non-semver version", broken, ReportOptions.plain("dev-build")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scans")
  void conformsToTheSarifSchema(String name, ScanResult result, ReportOptions options) throws IOException {
    JsonNode log = JSON.readTree(renderer.render(result, options));

    Set<ValidationMessage> problems = SCHEMA.validate(log);

    assertThat(problems).isEmpty();
  }

  @Test
  void theSchemaCatchesWhatItShould() throws IOException {
    JsonNode log = JSON.readTree(renderer.render(Fixtures.broken(), Fixtures.OPTIONS));
    ((ObjectNode) log.at("/runs/0/results/0")).put("level", "fatal");

    assertThat(SCHEMA.validate(log)).isNotEmpty();
  }

  @Test
  void describesTheToolAndRun() throws IOException {
    JsonNode log = render(Fixtures.broken());

    assertThat(log.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    assertThat(log.get("runs")).hasSize(1);
    JsonNode run = log.at("/runs/0");
    assertThat(run.at("/tool/driver/name").asText()).isEqualTo("pullpath");
    assertThat(run.at("/tool/driver/version").asText()).isEqualTo("0.1.0");
    assertThat(run.at("/tool/driver/semanticVersion").asText()).isEqualTo("0.1.0");
    // The project publishes no home page yet: no informationUri rather than a link that leads nowhere.
    assertThat(run.at("/tool/driver").has("informationUri")).isFalse();
    assertThat(run.at("/automationDetails/id").asText()).isEqualTo("pullpath/123456789012/eu-west-1/");
    assertThat(run.get("columnKind").asText()).isEqualTo("utf16CodeUnits");
  }

  @Test
  void everyRuleThatRanCarriesWhatGitHubShows() throws IOException {
    JsonNode rules = render(Fixtures.broken()).at("/runs/0/tool/driver/rules");

    assertThat(rules).extracting(r -> r.get("id").asText()).containsExactly("PP000", "PP011", "PP012", "PP030");
    for (JsonNode rule : rules) {
      assertThat(rule.get("name").asText()).isNotBlank();
      assertThat(rule.at("/shortDescription/text").asText()).isNotBlank();
      assertThat(rule.at("/fullDescription/text").asText()).isNotBlank();
      assertThat(rule.at("/help/text").asText()).isNotBlank();
      assertThat(rule.at("/help/markdown").asText()).isNotBlank();
      assertThat(rule.has("helpUri")).as("no --docs-url, no link to a page that may not exist").isFalse();
      assertThat(rule.at("/properties/tags")).extracting(JsonNode::asText).containsExactly("aws", "ecs", "ecr");
      assertThat(rule.at("/properties/precision").asText()).isEqualTo("very-high");
      assertThat(rule.at("/properties/security-severity").isTextual()).isTrue();
    }
    JsonNode vpcDns = rules.get(1);
    assertThat(vpcDns.at("/shortDescription/text").asText()).isEqualTo(Fixtures.VPC_DNS.title());
    assertThat(vpcDns.at("/fullDescription/text").asText()).isEqualTo(Fixtures.VPC_DNS.summary());
    assertThat(vpcDns.at("/defaultConfiguration/level").asText()).isEqualTo("error");
    assertThat(vpcDns.at("/properties/security-severity").asText()).isEqualTo("8.0");
    assertThat(rules.get(3).at("/properties/security-severity").asText()).isEqualTo("2.0");
  }

  @Test
  void helpMarkdownIsTheRulePageWhenOneIsPackaged() throws IOException {
    RuleDescriptor documented = new RuleDescriptor("PP999", "documented-fixture", "A rule with a page",
        "Only its page says more.", Severity.NOTE, List.of());
    RuleDescriptor undocumented = new RuleDescriptor("PP998", "undocumented-fixture", "A rule without a page",
        "Its summary is all there is.", Severity.NOTE, List.of());
    ScanResult result = new ScanResult(Fixtures.ACCOUNT, Fixtures.REGION, Fixtures.SOURCE,
        List.of(documented, undocumented), List.of(), List.of());

    JsonNode rules = render(result).at("/runs/0/tool/driver/rules");

    assertThat(rules.get(0).at("/help/markdown").asText()).startsWith("# PP999 documented-fixture");
    assertThat(rules.get(1).at("/help/markdown").asText()).isEqualTo(undocumented.summary());
    assertThat(rules.get(1).has("helpUri")).isFalse();

    JsonNode driver = JSON.readTree(renderer.render(result, Fixtures.OPTIONS
        .withDocsUrl(DocsUrl.parse("https://docs.example.com/pullpath/{id}.html")))).at("/runs/0/tool/driver");
    JsonNode linked = driver.get("rules");
    // With the pages published, the tool has a page to point at too (the validator's SARIF2005 asks for it).
    assertThat(driver.get("informationUri").asText()).isEqualTo("https://docs.example.com/pullpath/");
    assertThat(linked.get(1).get("helpUri").asText()).isEqualTo("https://docs.example.com/pullpath/PP998.html");
    assertThat(linked.get(1).at("/help/markdown").asText())
        .isEqualTo(undocumented.summary() + "\n\n[PP998 documentation](https://docs.example.com/pullpath/PP998.html)");
    assertThat(linked.get(0).at("/help/text").asText()).endsWith(" See https://docs.example.com/pullpath/PP999.html");
  }

  @Test
  void resultsPointAtTheRuleTheResourceAndItsLineInTheSnapshot() throws IOException {
    ScanResult scan = Fixtures.broken();
    JsonNode results = JSON.readTree(
        renderer.render(scan, new ReportOptions("0.1.0", false, Fixtures.SOURCE_TEXT))).at("/runs/0/results");

    assertThat(results).hasSize(scan.findings().size());
    for (int i = 0; i < results.size(); i++) {
      JsonNode result = results.get(i);
      Finding finding = scan.findings().get(i);
      assertThat(result.get("ruleId").asText()).isEqualTo(finding.ruleId());
      assertThat(scan.rules().get(result.get("ruleIndex").asInt()).id()).isEqualTo(finding.ruleId());
      assertThat(result.get("level").asText()).isEqualTo(finding.severity().sarifLevel());
      assertThat(result.at("/message/text").asText())
          .isEqualTo(finding.message() + "." + (finding.workloads().isEmpty() ? ""
              : (finding.severity() == dev.pullpath.check.Severity.ERROR ? " It blocks " : " It affects ")
                  + finding.firstWorkload() + ".")
              + " Fix: " + finding.fix().summary());
      assertThat(result.at("/partialFingerprints/primaryLocationLineHash").asText())
          .isEqualTo(finding.fingerprint());
      assertThat(result.get("locations")).hasSize(1);
      assertThat(result.path("relatedLocations")).hasSize(finding.workloads().size());
      for (int w = 0; w < finding.workloads().size(); w++) {
        assertThat(result.at("/relatedLocations/" + w + "/id").asInt()).isEqualTo(w + 1);
        assertThat(result.at("/relatedLocations/" + w + "/logicalLocations/0/name").asText())
            .isEqualTo(finding.workloads().get(w));
      }
      assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
          .isEqualTo("examples/seed-broken.json");
      assertThat(result.at("/locations/0/logicalLocations/0/name").asText()).isEqualTo(finding.resource().id());
      assertThat(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
          .isEqualTo(finding.resource().arn());
      assertThat(result.at("/locations/0/logicalLocations/0/kind").asText()).isEqualTo("resource");
      assertThat(result.at("/properties/resourceType").asText()).isEqualTo(finding.resource().type());
    }
    assertThat(results).extracting(r -> r.at("/locations/0/physicalLocation/region/startLine").asInt())
        .containsExactly(Fixtures.VPC_LINE, Fixtures.VPC_LINE, Fixtures.ACCOUNT_LINE, Fixtures.ROLE_LINE);
    assertThat(results.get(0).at("/properties/workloads/0").asText()).isEqualTo("shop/api");
    assertThat(results.get(0).at("/properties/workloadCount").asInt()).isEqualTo(1);
    assertThat(results.get(0).at("/properties/fixCli").asText()).startsWith("aws ec2 modify-vpc-attribute");
    assertThat(results.get(0).at("/properties/evidence/0").asText()).isEqualTo("enableDnsHostnames = false");
    assertThat(results.get(2).at("/properties/workloads")).isEmpty();
    assertThat(results.get(2).has("relatedLocations")).as("an account-wide result blocks no workload").isFalse();
  }

  @Test
  void withoutSourceTextResultsPointAtLineOne() throws IOException {
    JsonNode results = render(Fixtures.broken()).at("/runs/0/results");

    assertThat(results).extracting(r -> r.at("/locations/0/physicalLocation/region/startLine").asInt())
        .containsOnly(1);
  }

  @Test
  void staysFarBelowGitHubsResultLimit() throws IOException {
    assertThat(render(Fixtures.broken()).at("/runs/0/results").size()).isLessThan(25_000);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "examples/seed-broken.json | examples/seed-broken.json",
      "./snapshots/prod.json     | snapshots/prod.json",
      "snapshots\\prod.json      | snapshots/prod.json",
      "my snapshots/prod.json    | my%20snapshots/prod.json",
      "/home/ci/snap.json        | file:///home/ci/snap.json",
      "C:\\ci\\snap.json         | file:///C:/ci/snap.json",
      "aws://123456789012/eu-west-1 | aws/123456789012/eu-west-1",
      "a:b/snap.json             | ./a:b/snap.json",
  })
  void scanSourceBecomesAnArtifactUriCodeScanningAccepts(String source, String uri) {
    assertThat(SarifRenderer.artifactUri(source)).isEqualTo(uri);
  }

  private JsonNode render(ScanResult result) throws IOException {
    return JSON.readTree(renderer.render(result, Fixtures.OPTIONS));
  }

  private static JsonSchema loadSchema() {
    try (InputStream in = SarifRendererTest.class.getResourceAsStream("/sarif-schema-2.1.0.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
