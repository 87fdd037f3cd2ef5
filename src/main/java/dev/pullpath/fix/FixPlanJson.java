package dev.pullpath.fix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** A plan as JSON (docs/fix-plan.md), written by --plan-output and read by {@code pullpath apply}. */
public final class FixPlanJson {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private FixPlanJson() {}

  public static String write(FixPlan plan) {
    try {
      return JSON.writeValueAsString(plan) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan is always serializable", e);
    }
  }

  static String writeAction(FixAction action) {
    try {
      return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(action);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an action is always serializable", e);
    }
  }

  /** Reads a saved plan; a file that is not one is a {@link IllegalArgumentException} naming the problem. */
  public static FixPlan read(String text, String source) {
    FixPlan plan;
    try {
      plan = JSON.readValue(text, FixPlan.class);
    } catch (JsonProcessingException e) {
      // A record's compact constructor meets a missing field as a null: say so, not which exception it threw.
      throw new IllegalArgumentException(source + " is not a pullpath plan: " + (e.getCause() instanceof NullPointerException
          ? "a required field is missing or null" : e.getOriginalMessage()));
    }
    if (plan.formatVersion() != FixPlan.FORMAT_VERSION) {
      throw new IllegalArgumentException(source + " has plan format " + plan.formatVersion() + "; this pullpath reads "
          + FixPlan.FORMAT_VERSION);
    }
    FixPlan recomputed = FixPlan.of(plan.accountId(), plan.region(), plan.steps(), plan.unfixed(), plan.workloads());
    if (!recomputed.planId().equals(plan.planId())) {
      throw new IllegalArgumentException(source + ": plan id " + plan.planId() + " does not match its steps ("
          + recomputed.planId() + "); the file was edited after planning");
    }
    return plan;
  }
}
