package dev.pullpath.fix;

/**
 * The plan as a bash script of AWS CLI commands, for teams that review and run changes themselves. Every
 * value in it went through the one shell-quoting function; the script stops at the first failing command.
 */
public final class FixScript {
  private FixScript() {}

  public static String render(FixPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("#!/usr/bin/env bash\n")
        .append("# pullpath fix plan ").append(plan.planId()).append(" for account ").append(plan.accountId())
        .append(" in ").append(plan.region()).append('\n')
        .append("# Review every command before running it. Steps run in the plan's order and the script stops at\n")
        .append("# the first failure; after one, plan again (scan --fix --fix-script) for a script of what is left.\n")
        .append("# What it creates carries the client token and pullpath:plan tag that 'pullpath apply' would send;\n")
        .append("# unlike apply, it does not check that the account is still as planned, does not preflight its\n")
        .append("# permissions and does not wait for new endpoints to become available.\n")
        .append("set -euo pipefail\n");
    int number = 1;
    for (FixStep step : plan.steps()) {
      out.append("\n# ").append(number++).append(". ").append(PrintableText.line(step.description())).append('\n')
          .append("#    ").append(step.additive() ? "adds" : "changes existing configuration")
          .append(step.costNote().isEmpty() ? "" : "; cost: " + PrintableText.line(step.costNote()))
          .append("; resolves ")
          .append(step.resolves().isEmpty() ? FixPlanText.withoutFindings(step) : String.join(" ", step.resolves()))
          .append('\n')
          .append(step.action().awsCli(plan.region(), FixApplier.tagging(plan.planId(), step))).append('\n');
    }
    if (!plan.unfixed().isEmpty()) {
      out.append("\n# Not fixed by this plan:\n");
      plan.unfixed().forEach(u -> out.append("#   ").append(u.ruleId()).append(' ')
          .append(PrintableText.line(u.resourceId())).append(": ").append(PrintableText.line(u.reason())).append('\n'));
    }
    return out.toString();
  }
}
