package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonRenderer renderer = new JsonRenderer();

  @Test
  void topLevelFieldsComeInTheDocumentedOrder() throws Exception {
    JsonNode report = JSON.readTree(renderer.render(Fixtures.broken(), Fixtures.OPTIONS));

    assertThat(fieldNames(report)).containsExactly(
        "tool", "schemaVersion", "accountId", "region", "source", "summary", "rules", "findings", "workloads", "notChecked");
    assertThat(fieldNames(report.get("tool"))).containsExactly("name", "version");
    assertThat(fieldNames(report.get("summary")))
        .containsExactly("error", "warning", "note", "problems", "blockedWorkloads", "workloads");
    assertThat(fieldNames(report.get("rules").get(0)))
        .containsExactly("id", "name", "title", "severity", "helpUri", "findings");
    assertThat(fieldNames(report.get("findings").get(0))).containsExactly(
        "ruleId", "severity", "workloads", "resource", "message", "fix", "evidence", "fingerprint");
    assertThat(fieldNames(report.get("findings").get(0).get("resource"))).containsExactly("type", "id", "arn");
    assertThat(fieldNames(report.get("findings").get(0).get("fix"))).containsExactly("summary", "cli");
  }

  @Test
  void carriesTheScanFacts() throws Exception {
    JsonNode report = JSON.readTree(renderer.render(Fixtures.broken(), Fixtures.OPTIONS));

    assertThat(report.get("tool").get("name").asText()).isEqualTo("pullpath");
    assertThat(report.get("tool").get("version").asText()).isEqualTo("0.1.0");
    assertThat(report.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(report.get("accountId").asText()).isEqualTo("123456789012");
    assertThat(report.get("summary").toString()).isEqualTo("{\"error\":2,\"warning\":1,\"note\":1,\"problems\":2,\"blockedWorkloads\":1,\"workloads\":3}");
    assertThat(report.get("rules")).extracting(r -> r.get("id").asText() + "=" + r.get("findings").asInt())
        .containsExactly("PP000=1", "PP011=2", "PP012=0", "PP030=1");
    assertThat(report.get("rules").get(1).get("helpUri").isNull()).as("no --docs-url, no link").isTrue();
    JsonNode linked = JSON.readTree(renderer.render(Fixtures.broken(),
        Fixtures.OPTIONS.withDocsUrl(DocsUrl.parse("https://docs.example.com/pullpath/rules"))));
    assertThat(linked.get("rules").get(1).get("helpUri").asText())
        .isEqualTo("https://docs.example.com/pullpath/rules/PP011.md");
    JsonNode first = report.get("findings").get(0);
    assertThat(first.get("ruleId").asText()).isEqualTo("PP011");
    assertThat(first.get("severity").asText()).isEqualTo("error");
    assertThat(first.get("fingerprint").asText())
        .isEqualTo(Fixtures.broken().findings().get(0).fingerprint());
  }

  @Test
  void absentValuesAreNullNotMissing() throws Exception {
    JsonNode findings = JSON.readTree(renderer.render(Fixtures.broken(), Fixtures.OPTIONS)).get("findings");

    JsonNode accountWide = findings.get(2);
    assertThat(accountWide.get("ruleId").asText()).isEqualTo("PP000");
    assertThat(accountWide.get("workloads").isArray()).isTrue();
    assertThat(accountWide.get("workloads")).isEmpty();
    assertThat(accountWide.get("fix").get("cli").isNull()).isTrue();
  }

  @Test
  void outputIsStableTextWithUnixLineEnds() {
    String once = renderer.render(Fixtures.broken(), Fixtures.OPTIONS);

    assertThat(renderer.render(Fixtures.broken(), Fixtures.OPTIONS)).isEqualTo(once);
    assertThat(once).doesNotContain("\r").endsWith("}\n").contains("\n  \"schemaVersion\": 2,\n");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
