package dev.pullpath.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pullpath.check.Finding;
import dev.pullpath.check.FixHint;
import dev.pullpath.check.ResourceRef;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON reports back into scan results, so the reports of sharded runs can be merged into one
 * without scanning again ({@code pullpath merge}). Takes both shapes the JSON renderer writes: one
 * account/region pair, or an estate of several.
 */
public final class JsonReportReader {
  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private JsonReportReader() {}

  /** A report that is not a pullpath JSON report of the current schema, with the reason in one line. */
  public static final class NotAReportException extends Exception {
    private static final long serialVersionUID = 1L;

    NotAReportException(String message) {
      super(message);
    }
  }

  /** Every account/region pair in the report, in its order. */
  public static List<ScanResult> read(String text) throws NotAReportException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new NotAReportException("not JSON (line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject() || !"pullpath".equals(root.path("tool").path("name").asText())) {
      throw new NotAReportException("not a pullpath JSON report (written with --format json)");
    }
    int version = root.path("schemaVersion").asInt();
    if (version != JsonReport.SCHEMA_VERSION) {
      throw new NotAReportException("JSON report schema " + version + ", but this pullpath reads schema "
          + JsonReport.SCHEMA_VERSION + ": scan again with this version");
    }
    try {
      if (root.has("scans")) {
        List<ScanResult> results = new ArrayList<>();
        for (JsonNode scan : root.path("scans")) {
          results.add(result(JSON.treeToValue(scan, JsonReport.class)));
        }
        return results;
      }
      return List.of(result(JSON.treeToValue(root, JsonReport.class)));
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new NotAReportException("malformed report: " + firstLine(e.getMessage()));
    }
  }

  private static ScanResult result(JsonReport report) {
    List<RuleDescriptor> rules = new ArrayList<>();
    for (JsonReport.Rule rule : report.rules()) {
      rules.add(new RuleDescriptor(rule.id(), rule.name(), rule.title(), rule.title(), Severity.parse(rule.severity()),
          List.of()));
    }
    List<Finding> findings = new ArrayList<>();
    for (JsonReport.Item item : report.findings()) {
      findings.add(new Finding(item.ruleId(), Severity.parse(item.severity()),
          new ResourceRef(item.resource().type(), item.resource().id(), item.resource().arn()),
          item.workloads() == null ? List.of() : item.workloads(), item.message(),
          new FixHint(item.fix().summary(), item.fix().cli()), item.evidence() == null ? List.of() : item.evidence()));
    }
    List<String> workloads = report.workloads() == null ? List.of() : report.workloads();
    return new ScanResult(report.accountId(), report.region(), report.source(), rules, findings, workloads);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "missing field";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
