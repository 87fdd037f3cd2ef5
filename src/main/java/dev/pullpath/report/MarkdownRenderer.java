package dev.pullpath.report;

import dev.pullpath.check.Finding;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Suppressed;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub-flavoured Markdown for a pull-request comment or {@code $GITHUB_STEP_SUMMARY}: a compact table
 * of findings, then the details (fix, command, evidence) folded away. Every value from the account or
 * the files is escaped: it is shown as text, never turned into markup, a link or a mention.
 */
final class MarkdownRenderer implements Renderer {
  /** Characters Markdown gives a meaning to anywhere in a line, escaped with a backslash. */
  private static final Pattern MARKDOWN_PUNCTUATION = Pattern.compile("[\\\\`*_\\[\\]|~]");
  /** What makes a line a heading, list item, rule or setext underline when it starts the line. */
  private static final Pattern BLOCK_START = Pattern.compile("^(#|-|\\+|=|\\d+(?=[.)]))");
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  /** Each pair's section in turn: a pull-request comment for an estate stays one comment. */
  @Override
  public String renderEstate(java.util.List<ScanReport> scans, ReportOptions options) {
    StringBuilder out = new StringBuilder();
    for (ScanReport scan : scans) {
      out.append(render(scan.result(), options.withSource(scan.sourceText(), scan.sourceFile()))).append('\n');
    }
    return out.toString();
  }

  @Override
  public String render(ScanResult result, ReportOptions options) {
    SeverityCounts counts = SeverityCounts.of(result.findings());
    StringBuilder out = new StringBuilder();
    String taken = SuppressedSummary.phrase(result);
    out.append("## pullpath: ")
        .append(counts.total() == 0
            ? "no findings in " + SeverityCounts.plural(result.workloads().size(), "workload")
            : counts.phrase())
        .append(taken.isEmpty() ? "" : " (" + taken + ")").append("\n\n");
    out.append("Account ").append(escape(result.accountId())).append(" · region ").append(escape(result.region()))
        .append(" · source ").append(escape(result.source())).append(" · ")
        .append(escape(TOOL_NAME + " " + options.toolVersion())).append("\n\n");
    if (!result.findings().isEmpty()) {
      out.append("| Severity | Rule | Workload | Resource | Finding |\n|---|---|---|---|---|\n");
      for (Finding f : result.findings()) {
        out.append("| ").append(f.severity().label())
            .append(" | ").append(escape(f.ruleId()))
            .append(" | ").append(escape(f.workloads().isEmpty() ? "account"
                : TextRenderer.workloadList(f.workloads())))
            .append(" | ").append(escape(f.resource().id()))
            .append(f.position() == null ? "" : " at " + escape(f.position().display()))
            .append(" | ").append(escape(f.message())).append(" |\n");
      }
      out.append("\n<details><summary>Details and fixes</summary>\n\n");
      for (Finding f : result.findings()) {
        appendDetails(out, f);
      }
      out.append("</details>\n");
    }
    if (!result.suppressed().isEmpty()) {
      out.append("\n<details><summary>").append(escape(taken)).append("</summary>\n\n");
      for (Suppressed s : result.suppressed()) {
        out.append("- ").append(escape(SuppressedSummary.line(s))).append('\n');
      }
      out.append("\n</details>\n");
    }
    return out.toString();
  }

  private static void appendDetails(StringBuilder out, Finding f) {
    out.append("#### ").append(escape(f.ruleId() + " " + f.severity().label() + ": " + f.resource().id()))
        .append(f.workloads().isEmpty() ? "" : " (" + escape(TextRenderer.workloadList(f.workloads())) + ")")
        .append("\n\n")
        .append(escape(f.message())).append("\n\n")
        .append("**Fix:** ").append(escape(f.fix().summary())).append("\n\n");
    if (f.fix().cli() != null) {
      String fence = fenceFor(f.fix().cli());
      out.append(fence).append("sh\n").append(f.fix().cli().replace("\r", "")).append('\n').append(fence).append("\n\n");
    }
    for (String line : f.evidence()) {
      out.append("- ").append(escape(line)).append('\n');
    }
    out.append(f.evidence().isEmpty() ? "" : "\n");
  }

  /** A code fence longer than any run of backticks in the code, so the code cannot close it. */
  static String fenceFor(String code) {
    int longest = 2;
    Matcher m = BACKTICKS.matcher(code);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    return "`".repeat(longest + 1);
  }

  /**
   * Text as literal Markdown inside a table cell or paragraph: HTML specials as entities (GitHub passes
   * some HTML through), Markdown punctuation backslash-escaped, {@code @} as an entity so a value cannot
   * mention a person or team, and line breaks as spaces so a value cannot end a table row.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    String html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;");
    String flat = html.replaceAll("[\\r\\n\\t\\u0000-\\u001f]+", " ");
    String inline = MARKDOWN_PUNCTUATION.matcher(flat).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    Matcher block = BLOCK_START.matcher(inline);
    if (!block.find()) {
      return inline;
    }
    // "1. x" stays text when its dot is escaped; "# x" and "- x" when their first character is.
    int at = Character.isDigit(inline.charAt(0)) ? block.end() : 0;
    return inline.substring(0, at) + "\\" + inline.substring(at);
  }
}
