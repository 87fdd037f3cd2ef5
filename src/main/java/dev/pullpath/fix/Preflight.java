package dev.pullpath.fix;

import java.util.List;
import java.util.Locale;

/**
 * The permission checks of a plan's pending steps, made before its first write: a denied check means the
 * run would stop halfway, so nothing is written at all.
 *
 * @param pendingSteps the steps not already done, whose writes were checked
 * @param checks every check, with the step whose write it is
 * @param ran false when the writer cannot check (nothing was asked)
 */
public record Preflight(int pendingSteps, List<StepCheck> checks, boolean ran) {

  public Preflight {
    checks = List.copyOf(checks);
  }

  /** One check of one step's write. */
  public record StepCheck(FixStep step, PermissionCheck check) {}

  static Preflight notRun() {
    return new Preflight(0, List.of(), false);
  }

  public boolean passed() {
    return denied().isEmpty();
  }

  public List<StepCheck> denied() {
    return with(PermissionCheck.Verdict.DENIED);
  }

  public List<StepCheck> with(PermissionCheck.Verdict verdict) {
    return checks.stream().filter(c -> c.check().verdict() == verdict).toList();
  }

  /**
   * What was checked, in one line, and (each on its own line) what could not be: the skipped checks once with
   * their reason, the inconclusive ones with theirs.
   */
  public List<String> summary() {
    if (!ran) {
      return List.of("Preflight: not run (this writer cannot check permissions)");
    }
    if (pendingSteps == 0) {
      return List.of("Preflight: every step is already done, nothing to check");
    }
    List<StepCheck> skipped = with(PermissionCheck.Verdict.SKIPPED);
    List<StepCheck> inconclusive = with(PermissionCheck.Verdict.INCONCLUSIVE);
    List<String> lines = new java.util.ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Preflight of %d pending step%s: %d write%s allowed, %d denied, %d inconclusive, "
            + "%d not checked", pendingSteps, pendingSteps == 1 ? "" : "s", with(PermissionCheck.Verdict.ALLOWED).size(),
        with(PermissionCheck.Verdict.ALLOWED).size() == 1 ? "" : "s", denied().size(), inconclusive.size(),
        skipped.size()));
    skipped.stream().map(c -> c.check().detail()).distinct().forEach(reason -> lines.add("  not checked (the writes "
        + "without an EC2 DryRun of " + skipped.stream().filter(c -> c.check().detail().equals(reason))
            .map(c -> c.step().id()).distinct().count() + " step(s)): " + reason));
    inconclusive.forEach(c -> lines.add("  inconclusive, does not block: " + c.step().id() + ": " + c.check().action()
        + " on " + c.check().resource() + " (" + c.check().detail() + ")"));
    return lines;
  }
}
