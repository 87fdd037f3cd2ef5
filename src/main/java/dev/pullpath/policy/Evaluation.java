package dev.pullpath.policy;

import java.util.List;

/**
 * A decision with the statements that produced it, so that a finding can quote its evidence.
 *
 * @param statements human-readable labels of the deciding statements (Sid, or index when unnamed)
 */
public record Evaluation(Decision decision, List<String> statements) {
  public Evaluation {
    statements = List.copyOf(statements);
  }

  public static Evaluation of(Decision decision) {
    return new Evaluation(decision, List.of());
  }
}
