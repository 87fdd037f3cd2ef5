package dev.pullpath.fix;

import java.util.List;

/**
 * Findings a plan does not fix, and why (a manual decision, an option the user did not give).
 *
 * @param resourceId the finding's resource
 */
public record Unfixed(String ruleId, String resourceId, List<String> fingerprints, String reason) {
  public Unfixed {
    fingerprints = List.copyOf(fingerprints);
  }
}
