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
        .append("# the first failure; unlike 'pullpath apply', it does not check that the account is still as planned,\n")
        .append("# does not wait for new endpoints to become available, and does not tag what it creates.\n")
        .append("set -euo pipefail\n");
    int number = 1;
    for (FixStep step : plan.steps()) {
      out.append("\n# ").append(number++).append(". ").append(step.description()).append('\n')
          .append("#    ").append(step.additive() ? "adds" : "changes existing configuration")
          .append(step.costNote().isEmpty() ? "" : "; cost: " + step.costNote())
          .append("; resolves ")
          .append(step.resolves().isEmpty() ? FixPlanText.PREVENTS_ONLY : String.join(" ", step.resolves())).append('\n')
          .append(step.action().awsCli(plan.region())).append('\n');
    }
    if (!plan.unfixed().isEmpty()) {
      out.append("\n# Not fixed by this plan:\n");
      plan.unfixed().forEach(u -> out.append("#   ").append(u.ruleId()).append(' ').append(u.resourceId()).append(": ")
          .append(u.reason().replace('\n', ' ')).append('\n'));
    }
    return out.toString();
  }
}
