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
    for (SnapshotPart part : rule.reads()) {
      for (UnreadablePart gap : snapshot.unreadable()) {
        if (gap.part() != part) {
          continue;
        }
        ResourceRef account =
            new ResourceRef("AWS::::Account", snapshot.accountId(), "arn:aws:iam::" + snapshot.accountId() + ":root");
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
    return findings;
  }

  /**
   * An account/region pair of an estate scan that could not be scanned at all (the account could not be
   * entered, the region is not enabled): one PP000 finding for the pair, so the other pairs still report
   * and the run still exits 3.
   *
   * @param accountId the account, or {@code null} when the failure came before it was known
   */
  public static ScanResult pairNotScanned(String accountId, String region, String source, String reason) {
    String account = accountId == null ? "unknown" : accountId;
    ResourceRef ref = new ResourceRef("AWS::::Account", account, "arn:aws:iam::" + account + ":root");
    Finding finding = Finding.builder(DESCRIPTOR, ref, null)
        .message("Account " + account + " in " + region + " was not scanned: " + reason)
        .fix("Let pullpath's identity enter the account (the role's trust policy and sts:AssumeRole), or enable the "
            + "region, and scan again.", null)
        .evidence("collector error: " + reason)
        .build();
    return new ScanResult(account, region, source, List.of(DESCRIPTOR), List.of(finding), List.of());
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
