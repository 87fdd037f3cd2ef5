package dev.pullpath.report;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.ScanResult;

/**
 * The machine-readable report ({@link JsonReport}). Nulls are written rather than dropped so every
 * finding has the same keys and scripts need not test for presence.
 */
final class JsonRenderer implements Renderer {

  @Override
  public String render(ScanResult result, ReportOptions options) {
    SeverityCounts counts = SeverityCounts.of(result.findings());
    JsonReport report =
        new JsonReport(
            new JsonReport.Tool(TOOL_NAME, options.toolVersion()),
            JsonReport.SCHEMA_VERSION,
            result.accountId(),
            result.region(),
            result.source(),
            new JsonReport.Summary(counts.errors(), counts.warnings(), counts.notes()),
            result.rules().stream().map(rule -> rule(rule, result)).toList(),
            result.findings().stream().map(JsonRenderer::item).toList(),
            result.suppressed().stream()
                .map(s -> new JsonReport.SuppressedItem(s.kind().name().toLowerCase(java.util.Locale.ROOT),
                    s.justification(), item(s.finding())))
                .toList());
    return JsonOutput.withNulls(report);
  }

  private static JsonReport.Rule rule(RuleDescriptor rule, ScanResult result) {
    return new JsonReport.Rule(
        rule.id(), rule.name(), rule.title(), rule.defaultSeverity().label(), rule.helpUri(),
        result.findingsOf(rule.id()).size());
  }

  private static JsonReport.Item item(Finding finding) {
    return new JsonReport.Item(
        finding.ruleId(),
        finding.severity().label(),
        finding.workload(),
        new JsonReport.Resource(finding.resource().type(), finding.resource().id(), finding.resource().arn()),
        finding.message(),
        new JsonReport.Fix(finding.fix().summary(), finding.fix().cli()),
        finding.evidence(),
        finding.fingerprint(),
        finding.position() == null ? null : new JsonReport.Location(finding.position().file(),
            finding.position().line(), finding.position().column(), finding.position().endLine(),
            finding.position().endColumn(), finding.anchor().replacement()));
  }
}
