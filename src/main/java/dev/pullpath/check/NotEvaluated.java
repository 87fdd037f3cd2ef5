package dev.pullpath.check;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.UnreadablePart;
import java.util.ArrayList;
import java.util.List;

/**
 * PP000: a rule that could not be evaluated because a snapshot part it reads was not collected (the
 * caller lacked a permission). Reported instead of the rule's result, never as a pass.
 */
public final class NotEvaluated {
  public static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "PP000",
          "not-evaluated",
          "A rule could not be evaluated",
          "A snapshot part a rule needs could not be collected, usually because the scanning identity lacks a "
              + "read permission. The rule's verdict is unknown; grant the permission and scan again.",
          Severity.WARNING,
          List.of());

  private NotEvaluated() {}

  /** One finding per rule and unreadable part it needs; empty when the rule can run. */
  public static List<Finding> findingsFor(RuleDescriptor rule, AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    ResourceRef account =
        new ResourceRef("AWS::::Account", snapshot.accountId(), "arn:aws:iam::" + snapshot.accountId() + ":root");
    List<String> notGiven = new ArrayList<>();
    String givenBy = null;
    for (SnapshotPart part : rule.reads()) {
      for (UnreadablePart gap : snapshot.unreadable()) {
        if (gap.part() != part) {
          continue;
        }
        if (gap.isNotGiven()) {
          notGiven.add(part.fieldName());
          givenBy = gap.action();
          continue;
        }
        String why = isAccessDenied(gap.reason())
            ? "missing permission `" + gap.action() + "`"
            : "`" + gap.action() + "` failed (" + gap.reason() + ")";
        findings.add(
            Finding.builder(DESCRIPTOR, account, null)
                .message(rule.id() + " " + rule.name() + " not evaluated: " + why + ", so " + part.fieldName()
                    + " is unknown")
                .fix("Allow `" + gap.action() + "` to the identity that runs pullpath (see docs/iam-policy-scan.json) "
                    + "and scan again.", null)
                .evidence("collector error: " + (gap.reason() == null ? "access denied" : gap.reason()))
                .build());
      }
    }
    if (!notGiven.isEmpty()) {
      // One finding per rule: without an account every rule lacks several parts, and the answer is the same.
      findings.add(
          Finding.builder(DESCRIPTOR, account, null)
              .severity(Severity.NOTE)
              .message(rule.id() + " " + rule.name() + " not evaluated: no input describes "
                  + String.join(", ", notGiven))
              .fix("Give pullpath " + givenBy + " and scan again.", null)
              .evidence("not given: " + String.join(", ", notGiven))
              .build());
    }
    return findings;
  }

  /** Whether {@code finding} is a PP000 finding saying that {@code ruleId} did not run. */
  public static boolean says(Finding finding, String ruleId) {
    return finding.ruleId().equals(DESCRIPTOR.id()) && finding.message().startsWith(ruleId + " ");
  }

  /** AWS spells refusals several ways: AccessDenied, AccessDeniedException, UnauthorizedOperation... */
  private static boolean isAccessDenied(String reason) {
    if (reason == null) {
      return true;
    }
    String r = reason.toLowerCase(java.util.Locale.ROOT);
    return r.contains("accessdenied") || r.contains("unauthorized") || r.contains("notauthorized")
        || r.contains("forbidden");
  }
}
