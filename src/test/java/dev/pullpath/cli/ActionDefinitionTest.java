package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The composite GitHub Action at the repository root: well-formed, and safe with hostile inputs. */
class ActionDefinitionTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void runScriptsNeverSpliceExpressionsIntoShellText() throws Exception {
    JsonNode action = YAML.readTree(Path.of("action.yml").toFile());

    assertThat(action.at("/runs/using").asText()).isEqualTo("composite");
    List<String> scripts = new ArrayList<>();
    action.at("/runs/steps").forEach(step -> {
      if (step.has("run")) {
        assertThat(step.path("shell").asText()).as(step.path("name").asText()).isEqualTo("bash");
        scripts.add(step.path("run").asText());
      }
    });
    assertThat(scripts).hasSize(3)
        .allSatisfy(script -> assertThat(script).doesNotContain("${{"));
  }

  @Test
  void everyInputIsUsedAndTheScanUploadsSarif() throws Exception {
    JsonNode action = YAML.readTree(Path.of("action.yml").toFile());
    String text = java.nio.file.Files.readString(Path.of("action.yml"));

    action.path("inputs").fieldNames()
        .forEachRemaining(input -> assertThat(text).as(input).contains("inputs." + input));
    List<String> uses = new ArrayList<>();
    action.at("/runs/steps").forEach(step -> uses.add(step.path("uses").asText()));
    assertThat(uses).contains("github/codeql-action/upload-sarif@v3", "actions/setup-java@v4");
  }
}
