package dev.pullpath.cli;

import dev.pullpath.aws.LiveScanOptions;
import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.fix.FixPlan;
import dev.pullpath.fix.FixPlanJson;
import dev.pullpath.snapshot.AccountSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Applies a saved plan exactly, after checking each step against the live account. */
@Command(
    name = "apply",
    header = "Apply a saved fix plan (scan --fix --plan-output FILE) to the account it was made for.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Applies the steps of the plan in order, without asking: saving the plan was the review. First every pending "
          + "write is checked without writing (EC2 DryRun, the IAM policy simulator): if one is denied, nothing is "
          + "written. Before each write "
          + "the step's resource is read again; a step whose resource is no longer as planned is refused (the plan "
          + "is stale: scan --fix again) and nothing after it runs. Afterwards the account is scanned again."
    },
    footer = {
      "",
      "Exit codes:",
      "  0  every step applied (or already done) and none of the planned findings remain",
      "  1  a step failed or was refused, or planned findings remain (rerun scan --fix to continue)",
      "  2  usage error or unreadable plan",
      "  3  AWS access error, or the preflight found a write these credentials may not make (nothing written)",
      "  4  internal error"
    })
final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PLAN", description = "The plan JSON written by scan --fix --plan-output.")
  Path planFile;

  @Option(names = "--profile", paramLabel = "PROFILE", description = "Named profile to apply with.")
  String profile;

  @Option(names = "--role-arn", paramLabel = "ARN", description = "Assume this role first and apply with it.")
  String roleArn;

  @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every API call to this endpoint.")
  java.net.URI endpointUrl;

  @Option(names = "--change-log", paramLabel = "FILE",
      description = "Append one JSON line per attempted step (request ids, before/after) to this file.")
  Path changeLog;

  LiveAccess live = LiveAccess.AWS;

  @Override
  public Integer call() {
    if (changeLog != null
        && changeLog.toAbsolutePath().normalize().equals(planFile.toAbsolutePath().normalize())) {
      throw new UserInputException("--change-log " + changeLog + " is the plan being applied: appending to it would "
          + "make the plan unreadable for a rerun; log elsewhere");
    }
    String text;
    try {
      text = Files.readString(planFile);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserInputException("cannot read the plan " + planFile + ": no such file");
    } catch (IOException e) {
      throw new UserInputException("cannot read the plan " + planFile + ": " + ReportArgs.describe(e));
    }
    FixPlan plan;
    try {
      plan = FixPlanJson.read(text, planFile.toString());
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    LiveScanOptions options = new LiveScanOptions(plan.region(), profile, endpointUrl, roleArn, List.of(), List.of(),
        List.of(), 0, 0);
    // The account is read first: a plan is never applied to another account than the one it was made for.
    // Only the workloads the plan touches are read (all of them for plans saved without that list).
    AccountSnapshot now = live.collect(FixRun.rescanOptions(plan, options), dev.pullpath.aws.ProgressListener.silent())
        .snapshot();
    if (!now.accountId().equals(plan.accountId())) {
      throw new UserInputException("plan " + plan.planId() + " is for account " + plan.accountId()
          + ", but the credentials reach account " + now.accountId());
    }
    Scanner scanner = new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of()));
    List<Finding> before = scanner.scan(now, "aws://" + now.accountId() + "/" + now.region(), Severity.NOTE).findings();
    // What runs is shown first, as scan --fix shows it, so the output (a CI log) says what was applied.
    spec.commandLine().getOut().print(dev.pullpath.fix.FixPlanText.render(plan));
    spec.commandLine().getOut().flush();
    return new FixRun(spec.commandLine().getOut(), spec.commandLine().getErr(), Terminal.SYSTEM, live, scanner)
        .apply(plan, options, changeLog, before);
  }
}
