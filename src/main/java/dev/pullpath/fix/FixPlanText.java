package dev.pullpath.fix;

/** The plan as a person reviews it before saying yes. */
public final class FixPlanText {
  /**
   * What a step that resolves no finding of the scan is for: a new revision whose services stay on the old
   * one until moved, or a role permission a new revision will need.
   */
  static String withoutFindings(FixStep step) {
    return step.action() instanceof RegisterTaskDefinitionRevision
        ? "no finding by itself: its services keep the old revision until moved (--update-services)"
        : "no current finding: prevents one the plan's new task-definition revisions would raise";
  }

  private FixPlanText() {}

  public static String render(FixPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("Fix plan ").append(plan.planId()).append(" for account ").append(plan.accountId()).append(" in ")
        .append(plan.region()).append(": ").append(plan.steps().size()).append(plan.steps().size() == 1 ? " step" : " steps")
        .append('\n');
    int number = 1;
    for (FixStep step : plan.steps()) {
      out.append('\n').append(String.format("%2d. ", number++)).append(PrintableText.line(step.description())).append('\n');
      out.append("    ").append(step.additive() ? "adds" : "CHANGES EXISTING").append(" · ")
          .append(step.call().service()).append(':').append(step.call().operation())
          .append(" · needs ").append(String.join(", ", step.iamActions()));
      if (!step.costNote().isEmpty()) {
        out.append(" · cost: ").append(PrintableText.line(step.costNote()));
      }
      out.append('\n');
      out.append("    ")
          .append(PrintableText.command(step.action().awsCli(plan.region(), FixApplier.tagging(plan.planId(), step))))
          .append('\n');
      if (step.resolves().isEmpty()) {
        out.append("    resolves ").append(withoutFindings(step)).append('\n');
      } else {
        out.append("    resolves ").append(step.resolves().size()).append(step.resolves().size() == 1 ? " finding" : " findings")
            .append('\n');
      }
    }
    if (!plan.unfixed().isEmpty()) {
      out.append("\nNot fixed by this plan:\n");
      for (Unfixed u : plan.unfixed()) {
        out.append("  ").append(u.ruleId()).append(' ').append(PrintableText.line(u.resourceId())).append(": ")
            .append(PrintableText.line(u.reason())).append('\n');
      }
    }
    if (plan.isEmpty()) {
      out.append("\nNothing to change.\n");
    }
    return out.toString();
  }
}
