package dev.pullpath.report;

import static dev.pullpath.report.HtmlEscaper.escape;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One self-contained HTML page: inline CSS and script, no external assets, so it can be attached to a
 * ticket or a CI run and opened anywhere, offline.
 *
 * <p>All scan data is treated as hostile. It is escaped by {@link HtmlEscaper} wherever it lands, never
 * placed inside the script, and the page's Content-Security-Policy allows only its own inline style and
 * script (pinned by hash), so even a missed escape could not run code or load anything.
 */
final class HtmlRenderer implements Renderer {
  /** Groups shown open when the page loads: about a screenful; the rest are one click (or a search) away. */
  private static final int GROUPS_OPEN = 10;
  /** Pull paths shown open when the page loads; more fold behind their count. */
  private static final int CHAINS_OPEN = 25;
  /**
   * Pictures beyond this many workloads are left out: a wall of a thousand pictures helps no one, and they
   * would double a large estate's page (the findings, grouped by what to change, and the search remain).
   */
  static final int CHAINS_MAX = 200;
  private static final String STYLE = """
      :root{--error:#b42318;--warning:#b54708;--note:#175cd3;--pass:#067647;--fg:#1d2939;--muted:#667085;\
      --line:#e4e7ec;--bg:#fff;--panel:#f9fafb}
      @media (prefers-color-scheme:dark){:root{--error:#f97066;--warning:#fdb022;--note:#84caff;--pass:#47cd89;\
      --fg:#e4e7ec;--muted:#98a2b3;--line:#344054;--bg:#101828;--panel:#1d2939}}
      *{box-sizing:border-box}
      [hidden]{display:none!important}
      body{margin:0 auto;max-width:72rem;padding:1.5rem;color:var(--fg);background:var(--bg);\
      font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
      code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em}
      h1{margin:0 0 .25rem;font-size:1.6rem}
      h2{margin:2rem 0 .5rem;font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
      h3{margin:1rem 0 .5rem;font-size:1rem}
      h3 .title{font-weight:normal;color:var(--muted)}
      a{color:var(--note)}
      .meta,.muted{color:var(--muted)}
      .counts{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0}
      .count{border:1px solid var(--line);border-radius:.5rem;padding:.5rem 1rem;min-width:7rem;background:var(--panel)}
      .count .n{display:block;font-size:1.6rem;font-weight:700}
      .count.error .n{color:var(--error)}
      .count.warning .n{color:var(--warning)}
      .count.note .n{color:var(--note)}
      .filter{border:1px solid var(--line);border-radius:.5rem;padding:.5rem 1rem}
      .filter input[type=search]{font:inherit;width:100%;max-width:28rem;padding:.3rem .5rem;margin-top:.5rem;\
      border:1px solid var(--line);border-radius:.25rem;background:var(--bg);color:var(--fg)}
      details.group>summary{cursor:pointer;list-style-position:outside}
      details.group>summary h2{display:inline;border:0}
      .blocks summary{cursor:pointer;color:var(--muted)}
      .blocks ul{columns:2 18rem;margin:.25rem 0}
      .filter label{margin-right:1rem;white-space:nowrap}
      .finding{border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:.5rem;\
      padding:.75rem 1rem;margin:.5rem 0;background:var(--panel)}
      .finding.error{border-left-color:var(--error)}
      .finding.warning{border-left-color:var(--warning)}
      .finding.note{border-left-color:var(--note)}
      .finding p{margin:.35rem 0}
      .badge{display:inline-block;border-radius:.25rem;padding:0 .4rem;font-size:.8rem;font-weight:700;\
      text-transform:uppercase;color:var(--bg)}
      .badge.error{background:var(--error)}
      .badge.warning{background:var(--warning)}
      .badge.note{background:var(--note)}
      .resource{overflow-wrap:anywhere}
      .cli{display:flex;gap:.5rem;align-items:flex-start}
      .cli pre{flex:1;margin:0;padding:.5rem .75rem;overflow-x:auto;border:1px solid var(--line);\
      border-radius:.25rem;background:var(--bg)}
      button{font:inherit;font-size:.85rem;padding:.3rem .75rem;border:1px solid var(--line);border-radius:.25rem;\
      background:var(--bg);color:var(--fg);cursor:pointer}
      .evidence{margin:.35rem 0;padding-left:1.25rem;color:var(--muted)}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
      .pass{color:var(--pass);font-weight:700}
      .offscreen{position:fixed;left:-9999px;top:0}
      footer{margin-top:2rem;color:var(--muted);font-size:.85rem}
      .chains>summary{cursor:pointer}
      .chains>summary h2{display:inline;border:0}
      .chains figure{margin:.35rem 0}
      .chains figcaption{font-size:.85rem}
      .chain-svg{max-width:100%;height:auto;display:block}
      .chain-svg line{stroke:var(--muted);stroke-width:2}
      .chain-svg text{fill:#fff;font:600 11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
      .chain-svg .ok rect{fill:var(--pass)}
      .chain-svg .blocked rect{fill:var(--error)}
      .chain-svg .unknown rect{fill:var(--muted)}
      .chain-svg a:focus rect,.chain-svg a:hover rect{stroke:var(--fg);stroke-width:2}
      @media print{.filter,button{display:none}}
      """;

  private static final String SCRIPT = """
      (function () {
        'use strict';
        function applyFilter() {
          var shown = {};
          document.querySelectorAll('input[data-filter]').forEach(function (box) {
            shown[box.getAttribute('data-filter')] = box.checked;
          });
          var search = document.querySelector('input[data-search]');
          var query = search ? search.value.trim().toLowerCase() : '';
          document.querySelectorAll('.finding[data-severity]').forEach(function (finding) {
            var group = finding.closest('details.group');
            var text = (group ? group.querySelector('summary').textContent + ' ' : '') + finding.textContent;
            finding.hidden = !shown[finding.getAttribute('data-severity')]
                || (query !== '' && text.toLowerCase().indexOf(query) < 0);
          });
          document.querySelectorAll('[data-group]').forEach(function (group) {
            group.hidden = group.querySelector('.finding:not([hidden])') === null;
            if (query !== '' && !group.hidden && group.tagName === 'DETAILS') { group.open = true; }
          });
        }
        function copyWithSelection(text) {
          var area = document.createElement('textarea');
          area.value = text;
          area.setAttribute('readonly', '');
          area.className = 'offscreen';
          document.body.appendChild(area);
          area.select();
          var ok = false;
          try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
          document.body.removeChild(area);
          return ok;
        }
        function copy(button) {
          var text = document.getElementById(button.getAttribute('data-copy')).textContent;
          var done = function (ok) {
            button.textContent = ok ? 'Copied' : 'Press Ctrl+C';
            setTimeout(function () { button.textContent = 'Copy'; }, 1500);
          };
          if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(function () { done(true); },
                function () { done(copyWithSelection(text)); });
          } else {
            done(copyWithSelection(text));
          }
        }
        document.addEventListener('click', function (event) {
          var button = event.target.closest('button[data-copy]');
          if (button) { copy(button); }
        });
        document.querySelectorAll('input[data-filter]').forEach(function (box) {
          box.addEventListener('change', applyFilter);
        });
        document.querySelectorAll('input[data-search]').forEach(function (box) {
          box.addEventListener('input', applyFilter);
        });
        applyFilter();
      })();
      """;

  /**
   * Nothing may load from anywhere, and only the style and script above may run. Hashes rather than
   * {@code 'unsafe-inline'}, so an injected {@code <script>} or {@code onclick} would be refused.
   */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src '" + sha256(STYLE) + "'; script-src '" + sha256(SCRIPT)
          + "'; base-uri 'none'; form-action 'none'";

  @Override
  public String render(ScanResult result, ReportOptions options) {
    StringBuilder out = new StringBuilder(16_384);
    appendHead(out, TOOL_NAME + " report: " + result.accountId() + " " + result.region());
    Commands commands = new Commands();
    out.append("<header>\n<h1>").append(escape(TOOL_NAME)).append(" report</h1>\n");
    appendMeta(out, result, options);
    out.append("</header>\n<main>\n");
    appendScan(out, result, options, commands);
    appendFoot(out, options);
    return out.toString();
  }

  /** The pairs' summary table first, then each pair as its own section, in one page with one filter. */
  @Override
  public String renderEstate(List<ScanReport> scans, ReportOptions options) {
    StringBuilder out = new StringBuilder(16_384 * scans.size());
    appendHead(out, TOOL_NAME + " report: " + SeverityCounts.plural(scans.size(), "account/region pair"));
    Commands commands = new Commands();
    out.append("<header>\n<h1>").append(escape(TOOL_NAME)).append(" report</h1>\n<p class=\"meta\">")
        .append(escape(SeverityCounts.plural(scans.size(), "account/region pair") + " · " + TOOL_NAME + " "
            + options.toolVersion())).append("</p>\n</header>\n<main>\n");
    out.append("<section aria-label=\"Account and region pairs\">\n<table>\n<thead><tr><th>Account</th><th>Region</th>")
        .append("<th>Status</th><th>Findings</th><th>Blocked workloads</th></tr></thead>\n<tbody>\n");
    for (ScanReport scan : scans) {
      PairSummary pair = PairSummary.of(scan.result());
      out.append("<tr><td><code>").append(escape(pair.accountId())).append("</code></td><td><code>")
          .append(escape(pair.region())).append("</code></td><td>").append(escape(pair.status())).append("</td><td>")
          .append(escape(pair.counts().total() == 0 ? "none" : pair.counts().nonZeroPhrase())).append("</td><td>")
          .append(pair.blockedWorkloads()).append(" of ").append(pair.workloads()).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
    for (ScanReport scan : scans) {
      out.append("<section class=\"scan\">\n<h2>Account <code>").append(escape(scan.result().accountId()))
          .append("</code> · <code>").append(escape(scan.result().region())).append("</code></h2>\n");
      appendMeta(out, scan.result(), options);
      appendScan(out, scan.result(), options, commands);
      out.append("</section>\n");
    }
    appendFoot(out, options);
    return out.toString();
  }

  private static void appendHead(StringBuilder out, String title) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(escape(CONTENT_SECURITY_POLICY))
        .append("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
  }

  private static void appendMeta(StringBuilder out, ScanResult result, ReportOptions options) {
    out.append("<p class=\"meta\">Account <code>")
        .append(escape(result.accountId())).append("</code> · Region <code>").append(escape(result.region()))
        .append("</code> · Source <code>").append(escape(result.source())).append("</code> · ")
        .append(escape(TOOL_NAME + " " + options.toolVersion())).append("</p>\n");
  }

  private static void appendScan(StringBuilder out, ScanResult result, ReportOptions options, Commands commands) {
    Page page = new Page(result, options, commands);
    appendSummary(out, result);
    appendChains(out, result, page);
    int shown = 0;
    for (Map.Entry<String, List<Finding>> group : page.groups.groups().entrySet()) {
      appendGroup(out, group.getKey(), group.getValue(), page, shown++ < GROUPS_OPEN);
    }
    appendOkWorkloads(out, page.groups.okWorkloads());
    appendRules(out, result, page);
  }

  /**
   * Each workload's pull path as a small picture, before the findings: green links passed, red ones lead
   * to the finding that blocks them, grey ones were not evaluated. A long list folds away.
   */
  private static void appendChains(StringBuilder out, ScanResult result, Page page) {
    if (result.workloads().size() > CHAINS_MAX) {
      out.append("<p class=\"muted\">Pull-path pictures are drawn for scans of up to ").append(CHAINS_MAX)
          .append(" workloads; this one has ").append(escape(SeverityCounts.plural(result.workloads().size(), "workload")))
          .append(". Search a workload's name to see what blocks it.</p>\n");
      return;
    }
    List<PullChain> chains = PullChain.of(result);
    if (chains.isEmpty()) {
      return;
    }
    out.append("<details class=\"chains\"").append(chains.size() <= CHAINS_OPEN ? " open" : "")
        .append(">\n<summary><h2>Pull paths</h2> <span class=\"muted\">")
        .append(escape(SeverityCounts.plural(chains.size(), "workload")
            + ": image, cache rule, ecr.api, ecr.dkr, endpoint security group, S3 route, starport policy, "
            + "execution role; green passed, red blocked (links to the finding), grey not evaluated"))
        .append("</span></summary>\n");
    for (PullChain chain : chains) {
      out.append("<figure>\n<figcaption><code>").append(escape(chain.workload())).append("</code></figcaption>\n")
          .append(chain.svg(page::anchorOf, page.rules)).append("\n</figure>\n");
    }
    out.append("</details>\n");
  }

  /** What no scan can see, said once, then the end of the page. */
  private static void appendFoot(StringBuilder out, ReportOptions options) {
    out.append("<p class=\"muted not-checked\">").append(escape(BlindSpots.PARAGRAPH)).append("</p>\n");
    out.append("</main>\n<footer>Generated by ").append(escape(TOOL_NAME)).append(' ')
        .append(escape(options.toolVersion())).append(".</footer>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
  }

  private static void appendSummary(StringBuilder out, ScanResult result) {
    SeverityCounts counts = SeverityCounts.of(result.findings());
    out.append("<section aria-label=\"Summary\">\n<div class=\"counts\">\n");
    for (Severity severity : Severity.values()) {
      out.append("<div class=\"count ").append(severity.label()).append("\"><span class=\"n\">")
          .append(counts.of(severity)).append("</span> ").append(severity.label())
          .append(counts.of(severity) == 1 ? "" : "s").append("</div>\n");
    }
    out.append("</div>\n<p>");
    if (counts.total() == 0) {
      out.append("No findings in ").append(SeverityCounts.plural(result.workloads().size(), "workload")).append('.');
    } else {
      out.append(escape(counts.phrase() + "; " + SeverityCounts.blockPhrase(result))).append('.');
    }
    if (!result.suppressed().isEmpty()) {
      out.append(' ').append(escape(SuppressedSummary.phrase(result))).append(" (listed below).");
    }
    out.append("</p>\n");
    if (counts.total() > 0) {
      out.append("<fieldset class=\"filter\"><legend>Show</legend>\n");
      for (Severity severity : Severity.values()) {
        out.append("<label><input type=\"checkbox\" data-filter=\"").append(severity.label()).append("\" checked> ")
            .append(severity.label()).append("s (").append(counts.of(severity)).append(")</label>\n");
      }
      out.append("<br><input type=\"search\" data-search placeholder=\"Search resources, workloads, messages\" ")
          .append("aria-label=\"Search findings\">\n</fieldset>\n");
    }
    out.append("</section>\n");
  }

  /**
   * One group, as a {@code <details>} so a large estate's report opens on a screenful: the first
   * {@value #GROUPS_OPEN} groups are open, the rest collapsed (a search opens what it finds).
   */
  private static void appendGroup(StringBuilder out, String label, List<Finding> findings, Page page, boolean open) {
    out.append("<details class=\"group\" data-group").append(open ? " open" : "").append(">\n<summary><h2>")
        .append(escape(label)).append("</h2> <span class=\"muted\">")
        .append(escape(SeverityCounts.of(findings).nonZeroPhrase())).append("</span></summary>\n");
    Map<String, List<Finding>> byRule = new LinkedHashMap<>();
    for (Finding finding : findings) {
      byRule.computeIfAbsent(finding.ruleId(), id -> new ArrayList<>()).add(finding);
    }
    for (Map.Entry<String, List<Finding>> rule : byRule.entrySet()) {
      out.append("<section class=\"rule\" data-group>\n<h3>");
      Optional<RuleDescriptor> descriptor = page.rule(rule.getKey());
      if (descriptor.isPresent()) {
        appendRuleId(out, descriptor.get(), page);
        out.append(' ').append(escape(descriptor.get().name()))
            .append(" <span class=\"title\">").append(escape(descriptor.get().title())).append("</span>");
      } else {
        out.append(escape(rule.getKey()));
      }
      out.append("</h3>\n");
      for (Finding finding : rule.getValue()) {
        appendFinding(out, finding, page);
      }
      out.append("</section>\n");
    }
    out.append("</details>\n");
  }

  private static void appendFinding(StringBuilder out, Finding finding, Page page) {
    String severity = finding.severity().label();
    out.append("<article class=\"finding ").append(severity).append("\" data-severity=\"").append(severity)
        .append('"');
    String anchor = page.anchorOf(finding);
    if (page.anchored.add(anchor)) {
      out.append(" id=\"").append(anchor).append('"'); // once: grouped by workload, a finding shows in several groups
    }
    out.append(">\n<p><span class=\"badge ").append(severity).append("\">").append(severity)
        .append("</span> <span class=\"muted\">").append(escape(finding.resource().type()))
        .append("</span> <code class=\"resource\">").append(escape(finding.resource().id())).append("</code>");
    if (finding.position() != null) {
      out.append(" at <code class=\"position\">").append(escape(finding.position().display())).append("</code>");
    }
    ConsoleUrls.of(finding.resource(), page.region).ifPresent(url -> out
        .append(" · <a href=\"").append(escape(url)).append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
        .append("open in AWS console</a>"));
    out.append("</p>\n<p class=\"message\">").append(escape(finding.message())).append("</p>\n");
    appendBlocks(out, finding, page.groupBy);
    out
        .append("<p class=\"fix\"><strong>Fix:</strong> ").append(escape(finding.fix().summary())).append("</p>\n");
    if (finding.fix().cli() != null) {
      String id = page.nextCommandId();
      out.append("<div class=\"cli\"><pre id=\"").append(id).append("\">").append(escape(finding.fix().cli()))
          .append("</pre><button type=\"button\" data-copy=\"").append(id)
          .append("\" aria-label=\"Copy command\">Copy</button></div>\n");
    }
    if (!finding.evidence().isEmpty()) {
      out.append("<ul class=\"evidence\">\n");
      for (String line : finding.evidence()) {
        out.append("<li>").append(escape(line)).append("</li>\n");
      }
      out.append("</ul>\n");
    }
    out.append("<p class=\"muted\">ARN <code class=\"resource\">").append(escape(finding.resource().arn()))
        .append("</code></p>\n</article>\n");
  }

  /** The workloads a finding blocks; a long list folds away behind its count. */
  private static void appendBlocks(StringBuilder out, Finding finding, GroupBy groupBy) {
    List<String> workloads = finding.workloads();
    if (workloads.isEmpty() || groupBy == GroupBy.WORKLOAD) {
      return;
    }
    // Only errors stop a pull; a warning or note concerns the workloads without blocking them.
    String verb = finding.severity() == Severity.ERROR ? "Blocks " : "Affects ";
    if (workloads.size() <= TextRenderer.WORKLOADS_SHOWN) {
      out.append("<p class=\"blocks\">").append(verb);
      for (int i = 0; i < workloads.size(); i++) {
        out.append(i == 0 ? "" : ", ").append("<code>").append(escape(workloads.get(i))).append("</code>");
      }
      out.append("</p>\n");
      return;
    }
    out.append("<details class=\"blocks\"><summary>").append(verb).append(escape(SeverityCounts.plural(workloads.size(),
        "workload"))).append("</summary>\n<ul>\n");
    for (String workload : workloads) {
      out.append("<li><code>").append(escape(workload)).append("</code></li>\n");
    }
    out.append("</ul>\n</details>\n");
  }

  private static void appendOkWorkloads(StringBuilder out, List<String> workloads) {
    if (workloads.isEmpty()) {
      return;
    }
    out.append("<section>\n<h2>Workloads without findings</h2>\n<ul>\n");
    for (String workload : workloads) {
      out.append("<li><code>").append(escape(workload)).append("</code> <span class=\"pass\">ok</span></li>\n");
    }
    out.append("</ul>\n</section>\n");
  }

  /** The rule id, linked to its page when --docs-url said where the pages are. */
  private static void appendRuleId(StringBuilder out, RuleDescriptor rule, Page page) {
    Optional<String> uri = page.options.ruleUri(rule.id());
    if (uri.isPresent()) {
      out.append("<a href=\"").append(escape(uri.get())).append("\">").append(escape(rule.id())).append("</a>");
    } else {
      out.append(escape(rule.id()));
    }
  }

  private static void appendRules(StringBuilder out, ScanResult result, Page page) {
    if (result.rules().isEmpty()) {
      return;
    }
    out.append("<section>\n<h2>Rules</h2>\n<table>\n<thead><tr><th>Rule</th><th>Checks that</th><th>Result</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (RuleDescriptor rule : result.rules()) {
      SeverityCounts counts = SeverityCounts.of(result.findingsOf(rule.id()));
      out.append("<tr><td>");
      appendRuleId(out, rule, page);
      out.append(' ').append(escape(rule.name())).append("</td><td>").append(escape(rule.title()))
          .append("</td><td>")
          .append(counts.total() == 0 && !result.wasNotEvaluated(rule.id()) ? "<span class=\"pass\">PASS</span>"
              : escape((counts.total() == 0 ? "" : counts.nonZeroPhrase())
                  + (result.wasNotEvaluated(rule.id()) ? (counts.total() == 0 ? "" : ", ")
                      + "not evaluated in part (see PP000)" : "")))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  /** CSP source expression for an inline element's exact text. */
  private static String sha256(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Gives each command on the page a stable, unique id, across the pairs of an estate report too. */
  private static final class Commands {
    private int count;
    private int scans;

    String next() {
      return "cli-" + ++count;
    }
  }

  /** Per-scan state: the grouping, rule lookup and the page's command ids. */
  private static final class Page {
    private final FindingGroups groups;
    private final GroupBy groupBy;
    private final Map<String, RuleDescriptor> rules = new LinkedHashMap<>();
    private final String region;
    private final Commands commands;
    private final ReportOptions options;
    private final String anchorPrefix;
    private final java.util.Set<String> anchored = new java.util.HashSet<>();

    Page(ScanResult result, ReportOptions options, Commands commands) {
      this.anchorPrefix = "finding-" + ++commands.scans + "-";
      this.groups = FindingGroups.of(result, options.groupBy());
      this.groupBy = options.groupBy();
      this.commands = commands;
      this.options = options;
      this.region = result.region();
      result.rules().forEach(rule -> rules.putIfAbsent(rule.id(), rule));
    }

    Optional<RuleDescriptor> rule(String id) {
      return Optional.ofNullable(rules.get(id));
    }

    String nextCommandId() {
      return commands.next();
    }

    /** The finding's element id: stable (its fingerprint), unique across the pairs of an estate page. */
    String anchorOf(Finding finding) {
      return anchorPrefix + finding.fingerprint();
    }
  }
}
