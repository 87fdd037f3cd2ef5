package dev.pullpath.fix;

/** Saved plans as earlier versions of pullpath wrote them, for the tests that they still load and apply. */
public final class SavedPlans {
  private SavedPlans() {}

  /** The plan as written before plans named their workloads: no {@code workloads} field, the id of its steps only. */
  public static String withoutWorkloads(String planJson) {
    FixPlan plan = FixPlanJson.read(planJson, "plan.json");
    FixPlan old = FixPlan.of(plan.accountId(), plan.region(), plan.steps(), plan.unfixed(), java.util.List.of());
    String text = FixPlanJson.write(old);
    int field = text.indexOf("\"workloads\"");
    if (field >= 0) {
      // Drop the field itself (written as an empty list), so the file is what the old writer wrote.
      int lineStart = text.lastIndexOf(",", field);
      int end = text.indexOf("]", field) + 1;
      text = text.substring(0, lineStart) + text.substring(end);
    }
    return text;
  }
}
