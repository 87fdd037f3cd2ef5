package dev.pullpath.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One rule test case as data (PMD style): a base example snapshot, a JSON merge patch (RFC 7386) that
 * breaks or bends it, and the findings the rule must report. An empty {@code expect} is a compliant case.
 */
record RuleFixture(String ruleId, Path file, String description, AccountSnapshot snapshot, List<Expected> expect) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT = Path.of("src/test/resources/fixtures");

  /**
   * @param workload a workload the finding must block, or {@code null}
   * @param workloads exactly the workloads the finding must block, or {@code null}
   * @param message a substring the finding's message must contain
   * @param fix a substring the fix's CLI command must contain, or {@code null}
   */
  record Expected(
      String severity, String resource, String workload, List<String> workloads, String message, String fix) {}

  static RuleFixture load(Path file) {
    try {
      JsonNode fixture = JSON.readTree(file.toFile());
      JsonNode base = JSON.readTree(Path.of("examples", fixture.path("base").asText("seed-compliant") + ".json").toFile());
      JsonNode snapshotJson = mergePatch(base, fixture.path("patch"));
      AccountSnapshot snapshot = SnapshotJson.parse(JSON.writeValueAsString(snapshotJson), file.toString());
      List<Expected> expect = new ArrayList<>();
      for (JsonNode e : fixture.path("expect")) {
        expect.add(new Expected(e.path("severity").asText("error"), e.path("resource").asText(null),
            e.path("workload").asText(null), workloads(e.path("workloads")), e.path("message").asText(""),
            e.path("fix").asText(null)));
      }
      return new RuleFixture(file.getParent().getFileName().toString(), file,
          fixture.path("description").asText(file.getFileName().toString()), snapshot, expect);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> workloads(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    node.forEach(n -> names.add(n.asText()));
    return names.stream().sorted().toList();
  }

  static List<RuleFixture> all() throws IOException {
    try (var files = Files.walk(ROOT)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().map(RuleFixture::load).toList();
    }
  }

  /** RFC 7386: objects merge key by key, null deletes, anything else (arrays too) replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.isMissingNode() ? target : patch;
    }
    ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getValue().isNull()) {
        result.remove(entry.getKey());
      } else {
        result.set(entry.getKey(), mergePatch(result.path(entry.getKey()), entry.getValue()));
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return ruleId + " " + file.getFileName() + ": " + description;
  }
}
