package dev.pullpath.check;

import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.UnreadablePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PP000: a rule that could not be evaluated because a snapshot part it reads was not collected (the
 * caller lacked a permission), or a workload the rules could not check because something it names is
 * missing from the snapshot. Reported instead of the rule's result, never as a pass.
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

  /** The evidence line of a PP000 finding for parts no input described, so readers of it can add context. */
  public static final String NOT_GIVEN_EVIDENCE = "not given: ";

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
              .evidence(NOT_GIVEN_EVIDENCE + String.join(", ", notGiven))
              .build());
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

  /**
   * One finding per workload that the rules could not check because something it names is not in the
   * snapshot: its task definition, subnets or security groups. Rules skip such a workload (they have
   * nothing to judge), so without this finding it would read as clean. Only gaps that some rule in
   * {@code ran} reads are reported, and only from parts that were read (an unread part is reported per rule).
   */
  public static WorkloadGaps workloadGapsFor(List<RuleDescriptor> ran, AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    java.util.Set<String> skipping = new java.util.TreeSet<>();
    if (!snapshot.isReadable(SnapshotPart.SERVICES)) {
      return new WorkloadGaps(findings, skipping);
    }
    for (EcsService service : snapshot.services()) {
      List<String> missing = new ArrayList<>();
      List<String> skippedBy = new ArrayList<>();
      if (reads(ran, SnapshotPart.TASK_DEFINITIONS) && snapshot.isReadable(SnapshotPart.TASK_DEFINITIONS)
          && snapshot.taskDefinitionOf(service).isEmpty()) {
        missing.add("task definition " + service.taskDefinitionArn());
        skippedBy.addAll(readers(ran, SnapshotPart.TASK_DEFINITIONS));
      }
      if (reads(ran, SnapshotPart.SUBNETS) && snapshot.isReadable(SnapshotPart.SUBNETS)) {
        List<String> unknown = service.subnetIds().stream().filter(id -> snapshot.subnet(id).isEmpty()).toList();
        if (service.subnetIds().isEmpty()) {
          missing.add("subnets (the service names none: it has no awsvpc network configuration)");
        } else if (!unknown.isEmpty()) {
          missing.add("subnet " + String.join(", ", unknown));
        }
        if (service.subnetIds().isEmpty() || !unknown.isEmpty()) {
          skippedBy.addAll(readers(ran, SnapshotPart.SUBNETS));
        }
      }
      if (reads(ran, SnapshotPart.SECURITY_GROUPS) && snapshot.isReadable(SnapshotPart.SECURITY_GROUPS)) {
        List<String> unknown =
            service.securityGroupIds().stream().filter(id -> snapshot.securityGroup(id).isEmpty()).toList();
        if (!unknown.isEmpty()) {
          missing.add("security group " + String.join(", ", unknown));
          skippedBy.addAll(readers(ran, SnapshotPart.SECURITY_GROUPS));
        }
      }
      if (missing.isEmpty()) {
        continue;
      }
      List<String> rules = skippedBy.stream().distinct().sorted().toList();
      skipping.addAll(rules);
      findings.add(Finding.builder(DESCRIPTOR, serviceRef(snapshot, service), service.workloadName())
          .message(service.workloadName() + " not evaluated by " + String.join(", ", rules)
              + ", so its verdict is unknown: not in the snapshot: " + String.join("; ", missing))
          .fix("Check that the service's task definition, subnets and security groups exist and that the "
              + "scan may read them (a snapshot file must list them under the ids the service names), then scan "
              + "again.", null)
          .evidence("service " + service.workloadName() + ": taskDefinitionArn " + service.taskDefinitionArn()
              + ", subnetIds " + service.subnetIds() + ", securityGroupIds " + service.securityGroupIds())
          .build());
    }
    return new WorkloadGaps(findings, skipping);
  }

  /**
   * PP000 findings for workloads the rules skipped, and the rules that skipped them.
   *
   * @param skippedBy ids of the rules that could not judge some workload
   */
  public record WorkloadGaps(List<Finding> findings, java.util.Set<String> skippedBy) {}

  /**
   * What a rule reports in place of its verdict on a resource whose policy does not parse (see
   * {@link dev.pullpath.policy.PolicyDocument#parseError()}): judging it as an empty policy would be a
   * made-up verdict, and skipping it silently would read as a pass.
   *
   * @param policy which policy, e.g. {@code the policy of endpoint vpce-0abc}
   */
  public static Finding unparsablePolicy(
      RuleDescriptor rule, ResourceRef resource, String workload, String policy, PolicyDocument document) {
    String text = document.toJsonText();
    return Finding.builder(DESCRIPTOR, resource, workload)
        .message(rule.id() + " " + rule.name() + " not evaluated for " + resource.id() + ": " + policy
            + " does not parse (" + document.parseError().orElse("unknown reason") + ")")
        .fix("Correct the policy so it is a valid IAM policy document (AWS accepts only valid ones, so a tool or "
            + "a hand-edited snapshot may have changed it), then scan again.", null)
        .evidence("policy text: " + (text.length() > 300 ? text.substring(0, 300) + "..." : text))
        .build();
  }

  private static boolean reads(List<RuleDescriptor> rules, SnapshotPart part) {
    return rules.stream().anyMatch(r -> r.reads().contains(part));
  }

  private static List<String> readers(List<RuleDescriptor> rules, SnapshotPart part) {
    return rules.stream().filter(r -> r.reads().contains(part)).map(RuleDescriptor::id).toList();
  }

  private static ResourceRef serviceRef(AccountSnapshot snapshot, EcsService service) {
    String arn = Optional.ofNullable(service.serviceArn()).orElse(
        "arn:aws:ecs:" + snapshot.region() + ":" + snapshot.accountId() + ":service/" + service.workloadName());
    return new ResourceRef("AWS::ECS::Service", service.workloadName(), arn);
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
