package dev.pullpath.cli;

import dev.pullpath.aws.CollectionResult;
import dev.pullpath.aws.LiveScanOptions;
import dev.pullpath.aws.ProgressListener;
import dev.pullpath.check.Finding;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.fix.ChangeLog;
import dev.pullpath.fix.FixApplier;
import dev.pullpath.fix.FixPlan;
import dev.pullpath.fix.FixPlanJson;
import dev.pullpath.fix.FixPlanText;
import dev.pullpath.fix.FixPlanner;
import dev.pullpath.fix.FixPolicy;
import dev.pullpath.fix.FixScript;
import dev.pullpath.fix.Preflight;
import dev.pullpath.fix.PrintableText;
import dev.pullpath.report.ReportWriter;
import dev.pullpath.snapshot.AccountSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plan, consent, apply, prove: the one flow behind {@code scan --fix} and {@code apply}. Nothing is written
 * to AWS without --yes or a "yes" typed on a terminal; afterwards the account is scanned again and the run
 * succeeds only when none of the planned findings remain.
 */
final class FixRun {
  /** How long a write may take to show in AWS's describe calls (eventual consistency) before its step fails. */
  private static final java.time.Duration VERIFY_TIMEOUT = java.time.Duration.ofSeconds(60);

  /** Up to this many touched workloads are named on the before/after lines; more are only counted. */
  private static final int NAMED_WORKLOADS = 5;

  private final PrintWriter out;
  private final PrintWriter err;
  private final Terminal terminal;
  private final LiveAccess live;
  private final Scanner scanner;

  FixRun(PrintWriter out, PrintWriter err, Terminal terminal, LiveAccess live, Scanner scanner) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.live = live;
    this.scanner = scanner;
  }

  /**
   * @param liveOptions how to reach the account, {@code null} when the findings come from a snapshot file
   */
  int planAndApply(AccountSnapshot snapshot, List<Finding> findings, FixCliOptions cli, LiveScanOptions liveOptions) {
    return planAndApply(snapshot, findings, cli, liveOptions, FixRun::write);
  }

  /**
   * @param writeFiles writes the plan's files (plan JSON, script), with the caller's report files in one
   *     all-or-nothing write
   */
  int planAndApply(AccountSnapshot snapshot, List<Finding> findings, FixCliOptions cli, LiveScanOptions liveOptions,
      java.util.function.Consumer<Map<Path, String>> writeFiles) {
    FixPlan plan = FixPlanner.plan(snapshot, findings, cli.toFixOptions());
    Map<Path, String> files = new LinkedHashMap<>();
    if (cli.planOutput != null) {
      files.put(cli.planOutput, FixPlanJson.write(plan));
    }
    if (cli.fixScript != null) {
      files.put(cli.fixScript, FixScript.render(plan));
    }
    writeFiles.accept(files);
    if (cli.fixScript != null) {
      makeExecutable(cli.fixScript);
    }
    if (cli.printFixPolicy) {
      out.print(FixPolicy.render(plan));
      out.flush();
      String widened = FixPolicy.widenedNote(plan);
      if (widened != null) {
        err.println("pullpath: " + widened);
        err.flush();
      }
      return ExitCode.OK;
    }
    out.print(FixPlanText.render(plan));
    out.flush();
    if (plan.isEmpty()) {
      return ExitCode.OK;
    }
    if (!cli.fix) {
      return ExitCode.FINDINGS;
    }
    if (liveOptions == null) {
      out.println("\nNothing changed: this plan comes from a snapshot file; scan live (--region) to apply it, or run "
          + "'pullpath apply' on a saved plan.");
      out.flush();
      return ExitCode.FINDINGS;
    }
    if (!cli.yes && !confirmed(plan)) {
      return ExitCode.FINDINGS;
    }
    return apply(plan, liveOptions, cli.changeLog, findings);
  }

  private boolean confirmed(FixPlan plan) {
    if (!terminal.interactive()) {
      out.println("\nNothing changed: no terminal to confirm on. Rerun with --yes to apply, or save the plan with "
          + "--plan-output and run 'pullpath apply FILE'.");
      out.flush();
      return false;
    }
    out.flush();
    String answer = terminal.ask("\nApply these " + plan.steps().size() + " steps to account " + plan.accountId() + " in "
        + plan.region() + "? Only 'yes' applies: ");
    if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
      out.println("Nothing changed.");
      out.flush();
      return false;
    }
    return true;
  }

  /**
   * Applies a plan and proves it by scanning again.
   *
   * @param before the findings the plan was made from, for the before/after counts; {@code null} if unknown
   */
  int apply(FixPlan plan, LiveScanOptions options, Path changeLogFile, List<Finding> before) {
    ChangeLog log;
    try {
      log = changeLogFile == null ? ChangeLog.NONE : ChangeLog.appendingTo(changeLogFile);
    } catch (java.io.UncheckedIOException e) {
      throw new UserInputException("cannot append to the change log " + changeLogFile + ": "
          + ReportArgs.describe(e.getCause()));
    }
    FixApplier.Report report;
    try (LiveAccess.Session session = live.openFix(options)) {
      report = new FixApplier(session.writer(), log, VERIFY_TIMEOUT).apply(plan);
    }
    out.println();
    report.preflight().summary().forEach(line -> out.println(PrintableText.line(line)));
    if (report.deniedByPreflight()) {
      return deniedByPreflight(report);
    }
    int number = 1;
    for (FixApplier.StepResult result : report.results()) {
      out.printf(Locale.ROOT, "%2d. %-13s %s%s%n", number++, result.outcome().label(),
          PrintableText.line(result.step().description()),
          result.message() == null ? "" : "\n    " + PrintableText.line(result.message()));
    }
    out.printf(Locale.ROOT, "%nApplied %d, already done %d, failed %d, refused %d, not attempted %d%n",
        report.count(FixApplier.Outcome.APPLIED), report.count(FixApplier.Outcome.ALREADY_DONE),
        report.count(FixApplier.Outcome.FAILED), report.count(FixApplier.Outcome.REFUSED),
        report.count(FixApplier.Outcome.NOT_ATTEMPTED));
    out.flush();

    boolean scoped = touchesKnownWorkloads(plan);
    CollectionResult again = live.collect(rescanOptions(plan, options), ProgressListener.silent());
    ScanResult after = scanner.scan(again.snapshot(), "aws://" + plan.accountId() + "/" + plan.region(), Severity.NOTE);
    String scope = scoped ? " (on the " + plan.workloads().size() + " touched workload"
        + (plan.workloads().size() == 1 ? "" : "s")
        + (plan.workloads().size() <= NAMED_WORKLOADS ? ": " + String.join(", ", plan.workloads()) : "") + ")" : "";
    if (before != null) {
      out.println("Findings before: " + counts(onTouched(before, plan, scoped)) + scope);
    }
    out.println("Findings after:  " + counts(onTouched(after.findings(), plan, scoped)) + scope);
    Set<String> remaining = after.findings().stream().map(Finding::fingerprint).collect(Collectors.toSet());
    List<String> stillThere = plan.plannedFingerprints().stream().filter(remaining::contains).toList();
    out.flush();
    if (!report.succeeded()) {
      err.println("pullpath: the fix stopped before its end: nothing was rolled back; rerun to plan and apply the rest");
      err.flush();
      return ExitCode.FINDINGS;
    }
    if (!stillThere.isEmpty()) {
      err.println("pullpath: " + stillThere.size() + " planned finding(s) remain after applying: "
          + String.join(", ", stillThere));
      err.flush();
      return ExitCode.FINDINGS;
    }
    return ExitCode.OK;
  }

  /** Nothing was written: one line per denied write, and where to get the policy that allows them. */
  private int deniedByPreflight(FixApplier.Report report) {
    List<Preflight.StepCheck> denied = report.preflight().denied();
    out.println("\nNothing was written: the identity applying this plan may not make "
        + (denied.size() == 1 ? "this write" : "these " + denied.size() + " writes") + ":");
    for (Preflight.StepCheck d : denied) {
      out.println(PrintableText.line("  step " + d.step().id() + ": " + d.check().action() + " on "
          + d.check().resource() + (d.check().detail().isEmpty() ? "" : " (" + d.check().detail() + ")")));
    }
    out.println("Grant them (scan ... --fix --print-fix-policy prints the policy this plan needs, scoped to its "
        + "resources; docs/iam-policy-fix.json covers every plan) and run again.");
    out.flush();
    err.println("pullpath: the preflight found " + denied.size() + " write(s) these credentials may not make; nothing "
        + "was written");
    err.flush();
    return ExitCode.AWS_ACCESS;
  }

  /**
   * What the scans around applying read: only the workloads the plan's steps unblock when the plan names
   * them (an account with thousands of services is not read twice for a fix to three); otherwise, for plans
   * saved without them, everything {@code options} reads.
   */
  static LiveScanOptions rescanOptions(FixPlan plan, LiveScanOptions options) {
    return touchesKnownWorkloads(plan) ? options.forWorkloads(plan.workloads()) : options;
  }

  private static boolean touchesKnownWorkloads(FixPlan plan) {
    return !plan.workloads().isEmpty() && plan.workloads().stream().allMatch(w -> w.indexOf('/') > 0);
  }

  /**
   * The findings the before/after counts compare: those blocking a touched workload, and the planned ones
   * (an account-wide finding has no workload), so both counts are over the same set.
   */
  private static List<Finding> onTouched(List<Finding> findings, FixPlan plan, boolean scoped) {
    if (!scoped) {
      return findings;
    }
    Set<String> touched = Set.copyOf(plan.workloads());
    Set<String> planned = Set.copyOf(plan.plannedFingerprints());
    return findings.stream()
        .filter(f -> planned.contains(f.fingerprint()) || f.workloads().stream().anyMatch(touched::contains))
        .toList();
  }

  private static String counts(List<Finding> findings) {
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    long notes = findings.stream().filter(f -> f.severity() == Severity.NOTE).count();
    return errors + " errors, " + warnings + " warnings, " + notes + " notes";
  }

  /** {@code chmod +x} for whoever may read the script; a file system without POSIX modes keeps what it has. */
  private static void makeExecutable(Path script) {
    try {
      if (!Files.isRegularFile(script)) {
        return;
      }
      Set<PosixFilePermission> modes = EnumSet.copyOf(Files.getPosixFilePermissions(script));
      if (modes.contains(PosixFilePermission.OWNER_READ)) {
        modes.add(PosixFilePermission.OWNER_EXECUTE);
      }
      if (modes.contains(PosixFilePermission.GROUP_READ)) {
        modes.add(PosixFilePermission.GROUP_EXECUTE);
      }
      if (modes.contains(PosixFilePermission.OTHERS_READ)) {
        modes.add(PosixFilePermission.OTHERS_EXECUTE);
      }
      Files.setPosixFilePermissions(script, modes);
    } catch (UnsupportedOperationException | IOException e) {
      // Still a script: 'bash FILE' runs it.
    }
  }

  private static void write(Map<Path, String> files) {
    if (files.isEmpty()) {
      return;
    }
    try {
      new ReportWriter().writeAll(files);
    } catch (ReportWriter.TargetException e) {
      throw new UserInputException("cannot write " + e.target() + ": " + e.reason().getMessage());
    } catch (IOException e) {
      throw new UserInputException("cannot write the plan: " + e.getMessage());
    }
  }
}
