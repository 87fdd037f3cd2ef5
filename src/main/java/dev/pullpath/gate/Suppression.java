package dev.pullpath.gate;

import dev.pullpath.check.Finding;
import dev.pullpath.policy.WildcardPattern;
import java.time.LocalDate;

/**
 * One entry of {@code .pullpath.yml}'s {@code suppressions}: findings of {@code rule} on resources
 * matching {@code resource} are not acted on, for {@code reason}, until {@code expires} (if given).
 *
 * @param resource a pattern ({@code *} any characters, {@code ?} one) matched against the finding's
 *     resource id, its ARN and its workload ({@code cluster/service})
 * @param expires the last day the suppression holds, {@code null} for no end
 */
public record Suppression(String rule, String resource, String reason, LocalDate expires) {

  public boolean matches(Finding finding) {
    if (!rule.equalsIgnoreCase(finding.ruleId())) {
      return false;
    }
    return WildcardPattern.matches(resource, finding.resource().id(), false)
        || WildcardPattern.matches(resource, finding.resource().arn(), false)
        || finding.workloads().stream().anyMatch(w -> WildcardPattern.matches(resource, w, false));
  }

  public boolean expiredOn(LocalDate today) {
    return expires != null && today.isAfter(expires);
  }

  /** How reports name it: {@code PP008 httpd:* (until 2027-01-31)}. */
  public String display() {
    return rule + " " + resource + (expires == null ? "" : " (until " + expires + ")");
  }
}
