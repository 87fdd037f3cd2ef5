package dev.pullpath.check;

/**
 * What to do about a finding.
 *
 * @param summary one sentence
 * @param cli a copy-pasteable AWS CLI command with the real ids filled in; {@code null} when no single
 *     command fixes it
 */
public record FixHint(String summary, String cli) {
  public FixHint {
    java.util.Objects.requireNonNull(summary, "summary");
  }
}
