package dev.pullpath.report;

import static dev.pullpath.report.HtmlEscaper.escape;

import dev.pullpath.check.Finding;
import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A workload's pull path as a picture: the links an image pull crosses, in the order it crosses them,
 * each green (its rule ran and nothing of it blocks the workload), red (an error of its rule blocks the
 * workload; the link leads to the finding) or grey (its rule did not run, or PP000 says it could not judge
 * the workload).
 *
 * @param workload {@code cluster/service}
 * @param links the {@link #STEPS} in order, with their state
 */
record PullChain(String workload, List<Link> links) {
  /** A step of the path and the rule that judges it. */
  record Step(String label, String ruleId) {}

  /** The path an image pull takes, as the rules check it. */
  static final List<Step> STEPS = List.of(
      new Step("image", "PP008"),
      new Step("cache rule", "PP009"),
      new Step("ecr.api", "PP001"),
      new Step("ecr.dkr", "PP002"),
      new Step("endpoint SG 443", "PP005"),
      new Step("S3 route", "PP003"),
      new Step("starport policy", "PP006"),
      new Step("execution role", "PP007"));

  enum State {
    OK("ok", "\u2713", "passes"),
    BLOCKED("blocked", "\u2717", "blocked by"),
    UNKNOWN("unknown", "?", "not evaluated");

    final String cssClass;
    final String symbol;
    final String phrase;

    State(String cssClass, String symbol, String phrase) {
      this.cssClass = cssClass;
      this.symbol = symbol;
      this.phrase = phrase;
    }
  }

  /** One link: its state, and for a blocked one the finding that blocks it. */
  record Link(Step step, State state, Finding finding) {}

  private static final int BOX_WIDTH = 124;
  private static final int GAP = 10;
  private static final int HEIGHT = 30;

  /** The chain of every scanned workload, in the result's order. */
  static List<PullChain> of(ScanResult result) {
    Set<String> ran = new HashSet<>();
    result.rules().forEach(r -> ran.add(r.id()));
    Map<String, Map<String, Finding>> blocking = new HashMap<>();
    Map<String, Set<String>> unjudged = new HashMap<>();
    Set<String> unjudgedEverywhere = new HashSet<>();
    for (Finding finding : result.findings()) {
      if (finding.ruleId().equals(NotEvaluated.DESCRIPTOR.id())) {
        for (Step step : STEPS) {
          if (!mentions(finding.message(), step.ruleId())) {
            continue;
          }
          if (finding.workloads().isEmpty()) {
            unjudgedEverywhere.add(step.ruleId());
          }
          finding.workloads().forEach(w -> unjudged.computeIfAbsent(w, k -> new HashSet<>()).add(step.ruleId()));
        }
      } else if (finding.severity() == Severity.ERROR) {
        // Findings come most severe first, so the first error of a rule is the one the link leads to.
        finding.workloads().forEach(w -> blocking.computeIfAbsent(w, k -> new HashMap<>())
            .putIfAbsent(finding.ruleId(), finding));
      }
    }
    List<PullChain> chains = new ArrayList<>();
    for (String workload : result.workloads().stream().distinct().toList()) {
      List<Link> links = new ArrayList<>();
      for (Step step : STEPS) {
        Finding blocker = blocking.getOrDefault(workload, Map.of()).get(step.ruleId());
        boolean unknown = !ran.contains(step.ruleId()) || unjudgedEverywhere.contains(step.ruleId())
            || unjudged.getOrDefault(workload, Set.of()).contains(step.ruleId());
        State state = blocker != null ? State.BLOCKED : unknown ? State.UNKNOWN : State.OK;
        links.add(new Link(step, state, blocker));
      }
      chains.add(new PullChain(workload, links));
    }
    return chains;
  }

  /** Whether a PP000 message names the rule as one that did not judge ("PP003, PP005" or "PP001 ..."). */
  private static boolean mentions(String message, String ruleId) {
    return MENTIONS.get(ruleId).matcher(message).find();
  }

  private static final Map<String, Pattern> MENTIONS = STEPS.stream().collect(java.util.stream.Collectors.toMap(
      Step::ruleId, s -> Pattern.compile("\\b" + s.ruleId() + "\\b")));

  /**
   * The chain as inline SVG: shapes and text only, coloured by the page's style sheet through classes
   * (no {@code style} attributes, no scripts, so the page's Content-Security-Policy holds), every text
   * escaped. A blocked link is an in-page link to its finding, whose id {@code anchorOf} gives.
   */
  String svg(Function<Finding, String> anchorOf, Map<String, RuleDescriptor> rules) {
    int width = STEPS.size() * BOX_WIDTH + (STEPS.size() - 1) * GAP;
    // The figure's caption names the workload; the label says what the colours show, for screen readers.
    StringBuilder label = new StringBuilder("Pull path:");
    for (Link link : links) {
      label.append(' ').append(link.step().label()).append(' ').append(link.state().phrase)
          .append(link.state() == State.BLOCKED ? " " + link.step().ruleId() : "").append(';');
    }
    StringBuilder out = new StringBuilder(2_048);
    out.append("<svg class=\"chain-svg\" viewBox=\"0 0 ").append(width)
        .append(' ').append(HEIGHT).append("\" width=\"").append(width).append("\" height=\"").append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"").append(escape(label.toString())).append("\">\n");
    for (int i = 0; i < links.size(); i++) {
      Link link = links.get(i);
      int x = i * (BOX_WIDTH + GAP);
      if (i > 0) {
        out.append("<line x1=\"").append(x - GAP).append("\" y1=\"").append(HEIGHT / 2).append("\" x2=\"").append(x)
            .append("\" y2=\"").append(HEIGHT / 2).append("\"/>");
      }
      boolean linked = link.state() == State.BLOCKED;
      if (linked) {
        out.append("<a href=\"#").append(escape(anchorOf.apply(link.finding()))).append("\">");
      }
      String rule = link.step().ruleId();
      String name = rules.containsKey(rule) ? " " + rules.get(rule).name() : "";
      // The finding itself is one click away: the title names the rule, not the whole message again.
      String title = link.step().label() + ": " + rule + name + " " + link.state().phrase;
      out.append("<g class=\"link ").append(link.state().cssClass).append("\"><title>").append(escape(title))
          .append("</title><rect x=\"").append(x).append("\" y=\"1\" width=\"").append(BOX_WIDTH)
          .append("\" height=\"").append(HEIGHT - 2).append("\" rx=\"4\"/><text x=\"").append(x + BOX_WIDTH / 2)
          .append("\" y=\"").append(HEIGHT / 2 + 4).append("\" text-anchor=\"middle\">")
          .append(escape(link.state().symbol + " " + link.step().label())).append("</text></g>");
      if (linked) {
        out.append("</a>");
      }
      out.append('\n');
    }
    return out.append("</svg>").toString();
  }
}
