package dev.pullpath.check;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One problem found by one rule: one thing to change (the resource), and every workload it blocks.
 *
 * <p>Rules may report a problem once per workload they look at; {@link RootCauses} folds those copies into
 * one finding, so a missing endpoint shared by 20 services is one finding that lists 20 workloads.
 *
 * @param workloads {@code cluster/service} names the problem blocks, sorted; empty for account-wide findings
 * @param message names the exact missing thing; it must not depend on which workload was looked at, since
 *     it is part of the finding's identity
 * @param evidence the facts the rule relied on, one per line
 * @param anchor the value inside the resource the finding is about, {@code null} when it is the resource
 */
public record Finding(
    String ruleId,
    Severity severity,
    ResourceRef resource,
    List<String> workloads,
    String message,
    FixHint fix,
    List<String> evidence,
    Anchor anchor) {

  /** Most severe first, then by rule, resource and message, so reports are stable. */
  public static final Comparator<Finding> REPORT_ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::ruleId)
          .thenComparing(f -> f.resource().id())
          .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
    workloads = workloads.stream().filter(Objects::nonNull).distinct().sorted().toList();
    evidence = List.copyOf(evidence);
  }

  public Finding(
      String ruleId, Severity severity, ResourceRef resource, List<String> workloads, String message, FixHint fix,
      List<String> evidence) {
    this(ruleId, severity, resource, workloads, message, fix, evidence, null);
  }

  /** The first blocked workload, or {@code null} for an account-wide finding. */
  public String firstWorkload() {
    return workloads.isEmpty() ? null : workloads.get(0);
  }

  /** The same finding, its anchor placed in a planned file. */
  public Finding at(SourcePosition position) {
    return new Finding(ruleId, severity, resource, workloads, message, fix, evidence,
        (anchor == null ? new Anchor("", null, null) : anchor).at(position));
  }

  /** Where a planned file spells what this finding is about; {@code null} for findings on the account. */
  public SourcePosition position() {
    return anchor == null ? null : anchor.position();
  }

  /**
   * A stable identity for code scanning and baselines: the same problem on the same resource keeps it
   * across runs, so alerts are tracked, not re-opened. It leaves the workloads out on purpose: a root cause
   * that starts blocking one more service is still the same alert.
   */
  public String fingerprint() {
    String key = ruleId + "|" + resource.id() + "|" + message;
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  public static Builder builder(RuleDescriptor rule, ResourceRef resource, String workload) {
    return new Builder(rule, resource, workload);
  }

  /** Builds a finding at the rule's default severity unless told otherwise. */
  public static final class Builder {
    private final RuleDescriptor rule;
    private final ResourceRef resource;
    private final String workload;
    private Severity severity;
    private String message;
    private FixHint fix;
    private final List<String> evidence = new ArrayList<>();
    private Anchor anchor;

    private Builder(RuleDescriptor rule, ResourceRef resource, String workload) {
      this.rule = rule;
      this.resource = resource;
      this.workload = workload;
      this.severity = rule.defaultSeverity();
    }

    public Builder severity(Severity value) {
      this.severity = value;
      return this;
    }

    public Builder message(String value) {
      this.message = value;
      return this;
    }

    public Builder fix(String summary, String cli) {
      this.fix = new FixHint(summary, cli);
      return this;
    }

    public Builder evidence(String line) {
      this.evidence.add(line);
      return this;
    }

    /**
     * The value the finding is about, as a JSON pointer into the resource ({@code /executionRoleArn}), and
     * its corrected value when the fix replaces it ({@code null} otherwise).
     */
    public Builder anchor(String pointer, String replacement) {
      this.anchor = new Anchor(pointer, replacement, null);
      return this;
    }

    public Finding build() {
      return new Finding(rule.id(), severity, resource, workload == null ? List.of() : List.of(workload), message,
          fix, evidence, anchor);
    }
  }
}
