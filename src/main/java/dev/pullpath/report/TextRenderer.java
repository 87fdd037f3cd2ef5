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
 * The terminal report: findings grouped by workload, then a line per rule that ran, then one summary
 * line.
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

  @Override
  public String render(ScanResult result, ReportOptions options) {
    Style style = new Style(options.color());
    StringBuilder out = new StringBuilder();
    out.append(style.bold(TOOL_NAME + " " + clean(options.toolVersion(), ""))).append(" scan of account ")
        .append(clean(result.accountId(), "")).append(" in ").append(clean(result.region(), ""))
        .append(" (source: ").append(clean(result.source(), "")).append(")\n");

    WorkloadGroups groups = WorkloadGroups.of(result);
    for (Map.Entry<String, List<Finding>> group : groups.groups().entrySet()) {
      out.append('\n').append(style.bold(clean(group.getKey(), ""))).append('\n');
      for (Finding finding : group.getValue()) {
        appendFinding(out, finding, result, style);
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
    String taken = SuppressedSummary.phrase(result);
    out.append('\n').append(summaryLine(result, groups)).append(taken.isEmpty() ? "" : "; " + taken).append('\n');
    return out.toString();
  }

  private static void appendFinding(StringBuilder out, Finding finding, ScanResult result, Style style) {
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
      String verdict = counts.total() == 0
          ? (result.notEvaluated(rule.id()) ? "NOT EVALUATED (PP000)" : style.green("PASS"))
          : counts.nonZeroPhrase();
      int hidden = result.hiddenOf(rule.id()).size();
      if (hidden > 0) {
        // A rule whose only findings were filtered out did not pass: say what was left out.
        verdict = (counts.total() == 0 ? "" : verdict + ", ")
            + SeverityCounts.of(result.hiddenOf(rule.id())).nonZeroPhrase() + " below --min-severity";
      }
      out.append(INDENT).append(clean(name, "")).append(" ".repeat(width - name.length() + 2)).append(verdict)
          .append('\n');
    }
  }

  private static String summaryLine(ScanResult result, WorkloadGroups groups) {
    if (result.findings().isEmpty()) {
      return "no findings in " + SeverityCounts.plural(result.workloads().size(), "workload");
    }
    return SeverityCounts.of(result.findings()).phrase() + " " + groups.wherePhrase();
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
