package dev.pullpath.report;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Suppressed;
import dev.pullpath.check.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The terminal report: findings grouped by the resource to change (or by workload), then a line per
 * rule that ran, then one summary line.
 *
 * <p>Every string from a finding is passed through {@link #clean} first: snapshot data is not trusted,
 * and an escape sequence in a resource name must not be able to repaint the terminal or forge an "ok"
 * line.
 */
final class TextRenderer implements Renderer {
  private static final String INDENT = "  ";
  /** Wide enough for the longest label, WARNING, so the rule ids line up. */
  private static final int LABEL_WIDTH = 7;
  private static final String DETAIL = INDENT + " ".repeat(LABEL_WIDTH + 1);
  /** Blocked workloads named before "and N more": enough to recognise, short enough to scan. */
  static final int WORKLOADS_SHOWN = 5;

  @Override
  public String render(ScanResult result, ReportOptions options) {
    return render(result, options, true);
  }

  /** @param blindSpots whether to say what pullpath cannot see: once per report, not once per pair */
  private String render(ScanResult result, ReportOptions options, boolean blindSpots) {
    Style style = new Style(options.color());
    StringBuilder out = new StringBuilder();
    out.append(style.bold(TOOL_NAME + " " + clean(options.toolVersion(), ""))).append(" scan of account ")
        .append(clean(result.accountId(), "")).append(" in ").append(clean(result.region(), ""))
        .append(" (source: ").append(clean(result.source(), "")).append(")\n");

    FindingGroups groups = FindingGroups.of(result, options.groupBy());
    for (Map.Entry<String, List<Finding>> group : groups.groups().entrySet()) {
      out.append('\n').append(style.bold(clean(group.getKey(), ""))).append('\n');
      for (Finding finding : group.getValue()) {
        appendFinding(out, finding, result, style, options.groupBy());
      }
    }
    if (!groups.okWorkloads().isEmpty()) {
      out.append('\n');
      for (String workload : groups.okWorkloads()) {
        out.append(style.bold(clean(workload, ""))).append("  ").append(style.green("ok")).append('\n');
      }
    }

    if (!result.suppressed().isEmpty()) {
      // Counted and listed, not hidden: a suppression is a decision someone should be able to review.
      out.append('\n').append(style.bold("suppressed")).append('\n');
      for (Suppressed s : result.suppressed()) {
        out.append(INDENT).append(clean(SuppressedSummary.line(s), DETAIL)).append('\n');
      }
    }
    appendRuleSummary(out, result, style);
    if (blindSpots) {
      out.append('\n').append(style.dim(BlindSpots.PARAGRAPH)).append('\n');
    }
    String taken = SuppressedSummary.phrase(result);
    out.append('\n').append(summaryLine(result)).append(taken.isEmpty() ? "" : "; " + taken).append('\n');
    return out.toString();
  }

  /** A table of the pairs first, then each pair's report as a scan of it alone prints it, then the totals. */
  @Override
  public String renderEstate(List<ScanReport> scans, ReportOptions options) {
    Style style = new Style(options.color());
    StringBuilder out = new StringBuilder();
    out.append(style.bold(TOOL_NAME + " " + clean(options.toolVersion(), ""))).append(" scan of ")
        .append(SeverityCounts.plural(scans.size(), "account/region pair")).append("\n\n");
    List<PairSummary> pairs = scans.stream().map(scan -> PairSummary.of(scan.result())).toList();
    int accountWidth = Math.max("account".length(), pairs.stream().mapToInt(p -> clean(p.accountId(), "").length()).max().orElse(0));
    int regionWidth = Math.max("region".length(), pairs.stream().mapToInt(p -> clean(p.region(), "").length()).max().orElse(0));
    out.append(INDENT).append(pad("account", accountWidth)).append("  ").append(pad("region", regionWidth))
        .append("  status      findings\n");
    long problems = 0;
    long blocked = 0;
    long workloads = 0;
    for (PairSummary pair : pairs) {
      String findings = pair.counts().total() == 0 ? "none"
          : pair.counts().nonZeroPhrase() + "; " + SeverityCounts.plural(pair.problems(), "problem") + " blocking "
              + pair.blockedWorkloads() + " of " + SeverityCounts.plural(pair.workloads(), "workload");
      out.append(INDENT).append(pad(clean(pair.accountId(), ""), accountWidth)).append("  ")
          .append(pad(clean(pair.region(), ""), regionWidth)).append("  ").append(pad(pair.status(), 10)).append("  ")
          .append(findings).append('\n');
      problems += pair.problems();
      blocked += pair.blockedWorkloads();
      workloads += pair.workloads();
    }
    for (ScanReport scan : scans) {
      out.append("\n").append("=".repeat(72)).append("\n")
          .append(render(scan.result(), options.withSource(scan.sourceText(), scan.sourceFile()), false));
    }
    out.append('\n').append(style.dim(BlindSpots.PARAGRAPH)).append('\n');
    out.append("\n").append(SeverityCounts.of(scans.stream().flatMap(s -> s.result().findings().stream()).toList())
            .phrase())
        .append(" in ").append(SeverityCounts.plural(scans.size(), "account/region pair")).append("; ")
        .append(SeverityCounts.plural(problems, "problem")).append(problems == 1 ? " blocks " : " block ")
        .append(String.format(java.util.Locale.ROOT, "%,d", blocked)).append(" of ")
        .append(SeverityCounts.plural(workloads, "workload")).append('\n');
    return out.toString();
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  private static void appendFinding(
      StringBuilder out, Finding finding, ScanResult result, Style style, GroupBy groupBy) {
    String label = finding.severity().name();
    out.append(INDENT).append(style.severity(finding.severity(), label))
        .append(" ".repeat(LABEL_WIDTH - label.length() + 1))
        .append(style.bold(clean(finding.ruleId(), DETAIL)));
    ruleName(result, finding.ruleId()).ifPresent(name -> out.append(' ').append(clean(name, DETAIL)));
    out.append("  ").append(clean(finding.resource().id(), DETAIL));
    if (finding.position() != null) {
      out.append("  at ").append(clean(finding.position().display(), DETAIL));
    }
    out.append('\n');
    out.append(DETAIL).append(clean(finding.message(), DETAIL)).append('\n');
    if (groupBy == GroupBy.RESOURCE && !finding.workloads().isEmpty()) {
      out.append(DETAIL).append(finding.severity() == Severity.ERROR ? "blocks: " : "affects: ")
          .append(clean(workloadList(finding.workloads()), DETAIL)).append('\n');
    }
    out.append(DETAIL).append("fix: ").append(clean(finding.fix().summary(), DETAIL)).append('\n');
    if (finding.fix().cli() != null) {
      String commandIndent = DETAIL + INDENT + INDENT;
      out.append(commandIndent).append(clean(finding.fix().cli(), commandIndent)).append('\n');
    }
    if (!finding.evidence().isEmpty()) {
      out.append(DETAIL).append(style.dim("evidence:")).append('\n');
      String evidenceIndent = DETAIL + INDENT + "  ";
      for (String line : finding.evidence()) {
        out.append(DETAIL).append(INDENT).append(style.dim("- " + clean(line, evidenceIndent))).append('\n');
      }
    }
  }

  private static Optional<String> ruleName(ScanResult result, String ruleId) {
    return result.rules().stream().filter(r -> r.id().equals(ruleId)).map(RuleDescriptor::name).findFirst();
  }

  private static void appendRuleSummary(StringBuilder out, ScanResult result, Style style) {
    if (result.rules().isEmpty()) {
      return;
    }
    int width = result.rules().stream().mapToInt(r -> r.id().length() + 1 + r.name().length()).max().orElse(0);
    out.append('\n').append(style.bold("rules")).append('\n');
    for (RuleDescriptor rule : result.rules()) {
      String name = rule.id() + " " + rule.name();
      SeverityCounts counts = SeverityCounts.of(result.findingsOf(rule.id()));
      String verdict = counts.total() == 0 ? style.green("PASS") : counts.nonZeroPhrase();
      int hidden = result.hiddenOf(rule.id()).size();
      if (hidden > 0) {
        // A rule whose only findings were filtered out did not pass: say what was left out.
        verdict = (counts.total() == 0 ? "" : verdict + ", ")
            + SeverityCounts.of(result.hiddenOf(rule.id())).nonZeroPhrase() + " below --min-severity";
      }
      if (result.wasNotEvaluated(rule.id())) {
        // It skipped something it should have judged: never a plain PASS.
        verdict = (counts.total() == 0 && hidden == 0 ? "" : verdict + ", ") + "not evaluated in part (see PP000)";
      }
      out.append(INDENT).append(clean(name, "")).append(" ".repeat(width - name.length() + 2)).append(verdict)
          .append('\n');
    }
  }

  /** "a, b, c, d, e and 7 more". */
  static String workloadList(List<String> workloads) {
    if (workloads.size() <= WORKLOADS_SHOWN) {
      return String.join(", ", workloads);
    }
    return String.join(", ", workloads.subList(0, WORKLOADS_SHOWN)) + " and "
        + (workloads.size() - WORKLOADS_SHOWN) + " more";
  }

  private static String summaryLine(ScanResult result) {
    if (result.findings().isEmpty()) {
      return "no findings in " + SeverityCounts.plural(result.workloads().size(), "workload");
    }
    return SeverityCounts.of(result.findings()).phrase() + "; " + SeverityCounts.blockPhrase(result);
  }

  /**
   * Makes untrusted text safe to print: line breaks continue at {@code continuation} indentation so a
   * value cannot start a line of its own, tabs become spaces, and other control characters (ESC above
   * all) are shown as {@code \}{@code uXXXX} instead of being sent to the terminal.
   */
  static String clean(String text, String continuation) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        continue;
      }
      if (c == '\n' || c == '\r') {
        out.append('\n').append(continuation);
      } else if (c == '\t') {
        out.append(' ');
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** ANSI styling that is a no-op when colour is off, so the layout code is written once. */
  private record Style(boolean on) {
    String severity(Severity severity, String text) {
      return switch (severity) {
        case ERROR -> wrap("1;31", text);
        case WARNING -> wrap("33", text);
        case NOTE -> wrap("36", text);
      };
    }

    String bold(String text) {
      return wrap("1", text);
    }

    String dim(String text) {
      return wrap("2", text);
    }

    String green(String text) {
      return wrap("32", text);
    }

    private String wrap(String code, String text) {
      return on ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
  }
}
