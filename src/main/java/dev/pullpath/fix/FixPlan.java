package dev.pullpath.fix;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The ordered changes that make an account right, and the findings they do not cover. Its id is a hash
 * of its content, so the same account state and options plan the same id; everything a plan creates is
 * tagged with it.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param workloads the {@code cluster/service} workloads of the findings the steps resolve, sorted: the
 *     rescan after applying reads only these; empty (plans saved before this field) rescans the whole account
 */
public record FixPlan(
    int formatVersion, String planId, String accountId, String region, List<FixStep> steps, List<Unfixed> unfixed,
    List<String> workloads) {

  public static final int FORMAT_VERSION = 1;

  public FixPlan {
    steps = List.copyOf(steps);
    unfixed = List.copyOf(unfixed);
    workloads = workloads == null ? List.of() : workloads.stream().distinct().sorted().toList();
  }

  /** A plan that does not know its workloads: its rescan reads the whole account. */
  public FixPlan(
      int formatVersion, String planId, String accountId, String region, List<FixStep> steps, List<Unfixed> unfixed) {
    this(formatVersion, planId, accountId, region, steps, unfixed, List.of());
  }

  /**
   * The id hashes the steps and, when there are any, the workloads: the rescan scope decides what "none of the
   * planned findings remain" is checked on, so an edited list is an edited plan. Without workloads the id is
   * what it was before the field existed, so older saved plans still verify.
   */
  static FixPlan of(String accountId, String region, List<FixStep> steps, List<Unfixed> unfixed, List<String> workloads) {
    StringBuilder content = new StringBuilder(accountId + "|" + region);
    steps.forEach(s -> content.append('|').append(s.id()).append('|').append(s.before()).append('|')
        .append(FixPlanJson.writeAction(s.action())));
    List<String> sorted = workloads.stream().distinct().sorted().toList();
    if (!sorted.isEmpty()) {
      content.append("|workloads|").append(String.join(",", sorted));
    }
    return new FixPlan(FORMAT_VERSION, "pp-" + sha256(content.toString()).substring(0, 16), accountId, region, steps,
        unfixed, sorted);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /** Every fingerprint a step of this plan resolves. */
  @JsonIgnore
  public List<String> plannedFingerprints() {
    return steps.stream().flatMap(s -> s.resolves().stream()).distinct().sorted().toList();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
