package dev.pullpath.check;

import java.util.Objects;

/**
 * A finding the user decided not to act on now: it is reported and counted, but does not fail the gate.
 *
 * @param kind {@link Kind#CONFIGURATION} for a suppression in {@code .pullpath.yml}, {@link Kind#BASELINE}
 *     for a finding already known in {@code --baseline}
 * @param justification the reason the user wrote, or which baseline holds it
 */
public record Suppressed(Finding finding, Kind kind, String justification) {
  public enum Kind { CONFIGURATION, BASELINE }

  public Suppressed {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(justification, "justification");
  }
}
