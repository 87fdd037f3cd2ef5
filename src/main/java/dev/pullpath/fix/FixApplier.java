package dev.pullpath.fix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies exactly a plan, step by step in its order: a step already in its desired state is skipped; a step
 * whose live state is not the one it was planned against is refused (the plan is stale for it); otherwise
 * it writes and then verifies. The first refusal or failure stops the run, so a rerun (which plans again
 * from the live state) completes the rest.
 *
 * <p>Before the first write, every pending step's writes are checked without writing ({@link Preflight}):
 * when the identity may not make one of them, nothing is written, rather than stopping halfway.
 */
public final class FixApplier {
  private static final Duration VERIFY_INTERVAL = Duration.ofSeconds(2);

  private final AccountWriter account;
  private final ChangeLog log;
  private final Duration verifyTimeout;

  /** Verifies each write once, right after it. */
  public FixApplier(AccountWriter account, ChangeLog log) {
    this(account, log, Duration.ZERO);
  }

  /**
   * @param verifyTimeout how long a write may take to show in the describe calls (EC2 and IAM are eventually
   *     consistent) before its step counts as failed
   */
  public FixApplier(AccountWriter account, ChangeLog log, Duration verifyTimeout) {
    this.account = account;
    this.log = log;
    this.verifyTimeout = verifyTimeout;
  }

  /** What happened to one step. */
  public enum Outcome {
    APPLIED, ALREADY_DONE, FAILED, REFUSED, NOT_ATTEMPTED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  /** One step's result, with the reason when it failed or was refused. */
  public record StepResult(FixStep step, Outcome outcome, String message) {}

  /** The run: every step with its outcome. */
  public record Report(String planId, List<StepResult> results, Preflight preflight) {
    public Report {
      results = List.copyOf(results);
    }

    /** True when the preflight found a write the identity may not make, so nothing was written. */
    public boolean deniedByPreflight() {
      return !preflight.passed();
    }

    public boolean succeeded() {
      return results.stream().allMatch(r -> r.outcome() == Outcome.APPLIED || r.outcome() == Outcome.ALREADY_DONE);
    }

    public long count(Outcome outcome) {
      return results.stream().filter(r -> r.outcome() == outcome).count();
    }
  }

  public Report apply(FixPlan plan) {
    Preflight preflight = preflight(plan);
    if (!preflight.passed()) {
      return refusedByPreflight(plan, preflight);
    }
    List<StepResult> results = new ArrayList<>();
    boolean stopped = false;
    for (FixStep step : plan.steps()) {
      if (stopped) {
        results.add(new StepResult(step, Outcome.NOT_ATTEMPTED, null));
        continue;
      }
      StepResult result = applyStep(plan.planId(), step);
      results.add(result);
      stopped = result.outcome() == Outcome.FAILED || result.outcome() == Outcome.REFUSED;
    }
    return new Report(plan.planId(), results, preflight);
  }

  /**
   * Runs each pending step's change against the writer's preflight twin, in plan order, so the checks see the
   * exact calls (ids, parameters) the step would make. A step whose dry run stops (e.g. it needs what an earlier
   * step creates) is inconclusive, not denied: its real run decides.
   */
  private Preflight preflight(FixPlan plan) {
    List<PermissionCheck> current = new ArrayList<>();
    Optional<AccountWriter> dryRun = account.preflight(current::add);
    if (dryRun.isEmpty()) {
      return Preflight.notRun();
    }
    List<Preflight.StepCheck> checks = new ArrayList<>();
    int pending = 0;
    for (FixStep step : plan.steps()) {
      if (isDone(step.action())) {
        continue;
      }
      pending++;
      current.clear();
      try {
        step.action().apply(dryRun.get(), tagging(plan.planId(), step));
      } catch (RuntimeException e) {
        current.add(PermissionCheck.inconclusive("(its dry run)", step.action().target(), account.failure(e).message()));
      }
      current.forEach(c -> checks.add(new Preflight.StepCheck(step, c)));
    }
    return new Preflight(pending, checks, true);
  }

  private boolean isDone(FixAction action) {
    try {
      return action.isDone(account);
    } catch (RuntimeException e) {
      return false; // the step's own run reads again and reports the failure
    }
  }

  /** Nothing written: each denied step refused with what it may not do, every other step not attempted. */
  private Report refusedByPreflight(FixPlan plan, Preflight preflight) {
    Map<FixStep, List<PermissionCheck>> deniedByStep = new LinkedHashMap<>();
    preflight.denied().forEach(d -> deniedByStep.computeIfAbsent(d.step(), s -> new ArrayList<>()).add(d.check()));
    List<StepResult> results = new ArrayList<>();
    for (FixStep step : plan.steps()) {
      List<PermissionCheck> denied = deniedByStep.get(step);
      if (denied == null) {
        results.add(new StepResult(step, Outcome.NOT_ATTEMPTED, null));
        continue;
      }
      String why = "preflight: denied " + String.join("; ", denied.stream()
          .map(c -> c.action() + " on " + c.resource() + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")")).toList());
      log.record(ChangeLog.Entry.of(plan.planId(), step.id(), "refused", List.of(), null, null, why));
      results.add(new StepResult(step, Outcome.REFUSED, why));
    }
    return new Report(plan.planId(), results, preflight);
  }

  private StepResult applyStep(String planId, FixStep step) {
    FixAction action = step.action();
    String before;
    try {
      if (action.isDone(account)) {
        log.record(ChangeLog.Entry.of(planId, step.id(), "already-done", List.of(), action.observe(account), null, null));
        return new StepResult(step, Outcome.ALREADY_DONE, null);
      }
      before = action.observe(account);
    } catch (RuntimeException e) {
      return failed(planId, step, null, "reading its current state failed: " + account.failure(e).message());
    }
    if (!before.equals(step.before())) {
      String why = "the plan is stale for this step: planned against \"" + step.before() + "\" but is now \"" + before
          + "\"; plan again with pullpath scan --fix";
      log.record(ChangeLog.Entry.of(planId, step.id(), "refused", List.of(), before, null, why));
      return new StepResult(step, Outcome.REFUSED, why);
    }
    AccountWriter.Written written;
    try {
      written = action.apply(account, tagging(planId, step));
    } catch (FixRefusedException e) {
      log.record(ChangeLog.Entry.of(planId, step.id(), "refused", List.of(), before, null, e.getMessage()));
      return new StepResult(step, Outcome.REFUSED, e.getMessage());
    } catch (RuntimeException e) {
      AccountWriter.Failure failure = account.failure(e);
      log.record(ChangeLog.Entry.of(planId, step.id(), "failed", failure.requestIds(), before, null, failure.message()));
      return new StepResult(step, Outcome.FAILED, failure.message());
    }
    boolean done;
    String after;
    try {
      done = verified(action);
      after = action.observe(account);
    } catch (RuntimeException e) {
      // The write went through: it must be reported and logged as made, not lost with the exception.
      AccountWriter.Failure failure = account.failure(e);
      String why = "written, but reading it back failed: " + failure.message();
      log.record(ChangeLog.Entry.of(planId, step.id(), "failed", written.requestIds(), before, null, why));
      return new StepResult(step, Outcome.FAILED, why);
    }
    if (!done) {
      log.record(ChangeLog.Entry.of(planId, step.id(), "failed", written.requestIds(), before, after,
          "the change was accepted but its result does not show yet"));
      return new StepResult(step, Outcome.FAILED, "written, but verification does not see the change (now \"" + after + "\")");
    }
    log.record(ChangeLog.Entry.of(planId, step.id(), "applied", written.requestIds(), before, after, null));
    return new StepResult(step, Outcome.APPLIED, written.createdId() == null ? null : "created " + written.createdId());
  }

  /** Reads until the change shows, within the timeout. */
  private boolean verified(FixAction action) {
    long deadline = System.nanoTime() + verifyTimeout.toNanos();
    while (!action.isDone(account)) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(VERIFY_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private StepResult failed(String planId, FixStep step, String before, String why) {
    log.record(ChangeLog.Entry.of(planId, step.id(), "failed", List.of(), before, null, why));
    return new StepResult(step, Outcome.FAILED, why);
  }

  /** A client token that is the same for the same plan and step, so a retried create is not a second create. */
  static AccountWriter.Tagging tagging(String planId, FixStep step) {
    String token = FixPlan.sha256(planId + "|" + step.id()).substring(0, 32);
    return new AccountWriter.Tagging(token, Map.of("pullpath:plan", planId));
  }
}
