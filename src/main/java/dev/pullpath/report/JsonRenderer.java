package dev.pullpath.report;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.ScanResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine-readable report ({@link JsonReport}). Nulls are written rather than dropped so every
 * finding has the same keys and scripts need not test for presence.
 */
final class JsonRenderer implements Renderer {

  @Override
  public String render(ScanResult result, ReportOptions options) {
    return JsonOutput.withNulls(report(result, options));
  }

  @Override
  public String renderEstate(List<ScanReport> scans, ReportOptions options) {
    List<JsonReport> reports = new ArrayList<>();
    long incomplete = 0;
    long error = 0;
    long warning = 0;
    long note = 0;
    long problems = 0;
    long blocked = 0;
    long workloads = 0;
    for (ScanReport scan : scans) {
      PairSummary pair = PairSummary.of(scan.result());
      reports.add(report(scan.result(), options));
      incomplete += pair.notEvaluated() > 0 ? 1 : 0;
      error += pair.counts().errors();
      warning += pair.counts().warnings();
      note += pair.counts().notes();
      problems += pair.problems();
      blocked += pair.blockedWorkloads();
      workloads += pair.workloads();
    }
    return JsonOutput.withNulls(new JsonReport.Estate(new JsonReport.Tool(TOOL_NAME, options.toolVersion()),
        JsonReport.SCHEMA_VERSION,
        new JsonReport.EstateSummary(scans.size(), incomplete, error, warning, note, problems, blocked, workloads),
        reports));
  }

  private static JsonReport report(ScanResult result, ReportOptions options) {
    SeverityCounts counts = SeverityCounts.of(result.findings());
    JsonReport report =
        new JsonReport(
            new JsonReport.Tool(TOOL_NAME, options.toolVersion()),
            JsonReport.SCHEMA_VERSION,
            result.accountId(),
            result.region(),
            result.source(),
            new JsonReport.Summary(counts.errors(), counts.warnings(), counts.notes(), result.blockingProblems().size(),
                result.blockedWorkloadCount(), result.workloads().size()),
            result.rules().stream().map(rule -> rule(rule, result, options)).toList(),
            result.findings().stream().map(JsonRenderer::item).toList(),
            result.workloads(),
            BlindSpots.PARAGRAPH,
            result.suppressed().stream()
                .map(s -> new JsonReport.SuppressedItem(s.kind().name().toLowerCase(java.util.Locale.ROOT),
                    s.justification(), item(s.finding())))
                .toList());
    return report;
  }

  private static JsonReport.Rule rule(RuleDescriptor rule, ScanResult result, ReportOptions options) {
    return new JsonReport.Rule(
        rule.id(), rule.name(), rule.title(), rule.defaultSeverity().label(), options.ruleUri(rule.id()).orElse(null),
        result.findingsOf(rule.id()).size());
  }

  private static JsonReport.Item item(Finding finding) {
    return new JsonReport.Item(
        finding.ruleId(),
        finding.severity().label(),
        finding.workloads(),
        new JsonReport.Resource(finding.resource().type(), finding.resource().id(), finding.resource().arn()),
        finding.message(),
        new JsonReport.Fix(finding.fix().summary(), finding.fix().cli()),
        finding.evidence(),
        finding.fingerprint(),
        finding.position() == null ? null : new JsonReport.Location(finding.position().file(),
            finding.position().line(), finding.position().column(), finding.position().endLine(),
            finding.position().endColumn(), finding.anchor().replacement(), finding.position().address()));
  }
}
