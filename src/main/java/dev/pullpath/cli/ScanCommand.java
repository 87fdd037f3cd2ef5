package dev.pullpath.cli;

import dev.pullpath.aws.LiveScanOptions;
import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.Rule;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.cli.ScanInputs.Input;
import dev.pullpath.planned.PlannedOverlay;
import dev.pullpath.planned.PlannedResources;
import dev.pullpath.report.ScanReport;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "scan",
    header = "Scan an AWS account, or a snapshot file of one, and report what breaks image pulls.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks an account and region, or many (--accounts, --regions, several --snapshot files), and reports one "
          + "finding per root cause with the workloads it blocks and a fix hint: offline from snapshot files, or "
          + "live through the AWS APIs with read-only calls (Describe, List, Get and SimulatePrincipalPolicy; "
          + "docs/iam-policy-scan.json is the policy it needs). Planned task definitions and templates are checked "
          + "against the account they will land in; --fix plans (and with --yes applies) the missing links. "
          + "Several --format/--output pairs write several reports in one run."
    },
    footer = {
      "",
      "Examples:",
      "  pullpath scan --snapshot examples/seed-broken.json",
      "  pullpath scan --region eu-west-1 --save-snapshot account.json",
      "  pullpath scan --snapshot a.json --format sarif --output a.sarif --format text",
      "  pullpath scan --snapshot account.json --rules PP003,PP006 --fail-on warning",
      "  pullpath scan --task-definition taskdef.json --snapshot account.json --format sarif --output pr.sarif",
      "  pullpath scan --accounts 111122223333,444455556666 --assume-role-name audit --regions all",
      "  pullpath scan --region eu-west-1 --fix --plan-output plan.json",
      "",
      "Exit codes:",
      "  0  no finding at or above --fail-on; with --fix: nothing to change (findings it cannot fix do not count), or every step applied and verified",
      "  1  findings at or above --fail-on; with --fix: steps planned but not applied, or not all applied",
      "  2  usage error or unreadable input",
      "  3  AWS access error: credentials, or part of the account unreadable (PP000); with --fix: the preflight found a write these credentials may not make (nothing written)",
      "  4  internal error"
    })
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScanInputs scanInputs = new ScanInputs();

  @Mixin ReportArgs reports = new ReportArgs();

  @Option(names = "--rules", split = ",", paramLabel = "ID",
      description = "Run only these rules, e.g. PP001,PP003 (default: all).")
  List<String> rules = new ArrayList<>();

  @Option(names = "--exclude-rules", split = ",", paramLabel = "ID", description = "Skip these rules.")
  List<String> excludeRules = new ArrayList<>();

  @Option(names = "--min-severity", paramLabel = "LEVEL", defaultValue = "note",
      description = "Report findings at or above: error, warning, note (default: ${DEFAULT-VALUE}).")
  String minSeverity;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
      description = "Exit 1 when a finding is at or above: error, warning, note, or never (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Mixin AwsOptions aws = new AwsOptions();

  @Mixin GateOptions gate = new GateOptions();

  @ArgGroup(exclusive = false, heading = "%nFixing (see docs/fix-plan.md):%n")
  FixCliOptions fix = new FixCliOptions();

  /** How live accounts are reached; tests put a fake account here. */
  LiveAccess live = LiveAccess.AWS;

  /** Where a confirmation is asked; tests put a scripted answer here. */
  Terminal terminal = Terminal.SYSTEM;

  @Option(names = "--save-snapshot", paramLabel = "FILE|DIR",
      description = "Also write the snapshot that was scanned, e.g. to audit a live account offline later; with "
          + "several account/region pairs, a directory that gets ACCOUNT-REGION.json per pair.")
  Path saveSnapshot;

  @Override
  public Integer call() {
    Severity minimum = parseSeverity("--min-severity", minSeverity);
    Severity threshold = "never".equalsIgnoreCase(failOn) ? null : parseSeverity("--fail-on", failOn);
    reports.validate();
    if (threshold != null && !threshold.isAtLeast(minimum)) {
      throw new UserInputException("--fail-on " + threshold.label() + " is below --min-severity " + minimum.label()
          + ": the build would fail on findings the report hides");
    }
    List<Rule> selected = RuleRegistry.loadInstalled().select(rules, excludeRules);
    if (selected.isEmpty()) {
      throw new UserInputException("--rules and --exclude-rules leave no rule to run");
    }
    checkOutputTargets();
    scanInputs.refuseConflicts(aws);
    refuseConflictingFixOptions();
    PlannedResources planned = scanInputs.readPlanned();
    GateOptions.Loaded gateFiles = gate.load();
    PrintWriter err = spec.commandLine().getErr();
    ScanInputs.Gathered gathered = scanInputs.gather(planned, aws, live, saveSnapshot, err);
    List<Input> inputs = gathered.inputs();
    PlannedOverlay overlay = gathered.overlay();

    Scanner scanner = new Scanner(selected);
    List<ScanResult> all = new ArrayList<>();
    List<ScanReport> shown = new ArrayList<>();
    for (Input input : inputs) {
      ScanResult result = input.notScanned() != null
          ? input.notScanned()
          : scanner.scan(input.snapshot(), input.source(), Severity.NOTE);
      if (overlay != null) {
        result = overlay.locate(result);
      }
      result = gateFiles.apply(result, err);
      all.add(result);
      shown.add(new ScanReport(result.atLeast(minimum), input.sourceText(), input.sourceFile()));
    }
    Map<Path, String> files = snapshotsToSave(inputs, overlay != null);
    gate.addBaseline(all, files);
    if (fix.requested()) {
      // The plan replaces the default text report; reports asked for with --format are still written, in
      // one all-or-nothing write with the plan's files.
      Input input = inputs.get(0);
      // Pinned to the region that was scanned, so a fix writes exactly there.
      LiveScanOptions liveOptions = scanInputs.snapshotFiles.isEmpty()
          ? aws.toLiveScanOptions().forPair(input.snapshot().region(), null) : null;
      return new FixRun(spec.commandLine().getOut(), spec.commandLine().getErr(), terminal, live, scanner)
          .planAndApply(input.snapshot(), all.get(0).findings(), fix, liveOptions, planFiles -> {
            Map<Path, String> together = new LinkedHashMap<>(files);
            together.putAll(planFiles);
            reports.write(shown, VersionProvider.version(), together, spec.commandLine().getOut(), false);
          });
    }
    reports.write(shown, VersionProvider.version(), files, spec.commandLine().getOut(), true);
    return exitCode(all, threshold, gathered.withoutAccount());
  }

  /**
   * Refuses, before any work, fix options that do not go with the inputs: --yes on a snapshot, fix options
   * without --fix, --fix beyond one pair. A wrong combination costs no AWS call.
   */
  private void refuseConflictingFixOptions() {
    List<Path> snapshotFiles = scanInputs.snapshotFiles;
    boolean planning = scanInputs.planning();
    if (fix.yes && !snapshotFiles.isEmpty()) {
      throw new UserInputException("--yes applies a plan to the live account; scan it live (--region) instead of "
          + "--snapshot, or save the plan with --plan-output and run 'pullpath apply' against the account");
    }
    if (fix.anyFixOnlyOptionGiven() && !fix.requested()) {
      throw new UserInputException("--yes, --change-log, --allow-policy-rewrite, --credential-arn, --allow-ingress and "
          + "--update-services shape a fix: add --fix");
    }
    // With a fix, standard output carries the plan (or the policy): a report there would be mixed into it.
    if (fix.requested() && !reports.formatsToStandardOutput().isEmpty()) {
      throw new UserInputException("with --fix, --plan-output, --fix-script or --print-fix-policy, standard output "
          + "carries the plan: give --format " + reports.formatsToStandardOutput().get(0) + " an --output FILE");
    }
    if (fix.requested() && (planning || snapshotFiles.size() > 1 || aws.estate())) {
      throw new UserInputException("--fix plans the changes of one account and region: give one --snapshot or one "
          + "--region, without --task-definition, --template, --terraform-plan, --accounts or --regions");
    }
  }

  /** 1 when any pair has findings at the threshold; else 3 when any check did not run (PP000); else 0. */
  private int exitCode(List<ScanResult> results, Severity threshold, boolean withoutAccount) {
    if (threshold != null && results.stream().anyMatch(r -> r.hasFindingsAtLeast(threshold))) {
      return ExitCode.FINDINGS;
    }
    long notEvaluated = results.stream().mapToLong(r -> r.findingsOf(NotEvaluated.DESCRIPTOR.id()).size()).sum();
    // Checked without an account, parts the files do not give are PP000 notes by design, not a failed read.
    if (notEvaluated > 0 && !withoutAccount) {
      // A CI gate must not pass on an audit that could not read part of the account.
      PrintWriter err = spec.commandLine().getErr();
      err.println("pullpath: incomplete scan: " + notEvaluated + " check(s) not evaluated (PP000: a part that "
          + "could not be read, a resource a service names that is missing, or a policy that does not parse)");
      err.flush();
      return ExitCode.AWS_ACCESS;
    }
    return ExitCode.OK;
  }

  /**
   * With --save-snapshot: the file, or with several pairs one {@code ACCOUNT-REGION.json} per pair in the
   * directory. A live scan's source text is already the snapshot to save; a file is saved in the current
   * format.
   */
  private Map<Path, String> snapshotsToSave(List<Input> inputs, boolean planned) {
    Map<Path, String> files = new LinkedHashMap<>();
    if (saveSnapshot == null) {
      return files;
    }
    if (inputs.size() == 1) {
      Input input = inputs.get(0);
      files.put(saveSnapshot, input.sourceText() != null && (scanInputs.snapshotFiles.isEmpty() || planned)
          ? input.sourceText() : SnapshotJson.write(input.snapshot()));
      return files;
    }
    for (Input input : inputs) {
      if (input.snapshot() != null) {
        files.put(saveSnapshot.resolve(pairFileName(input.snapshot())), SnapshotJson.write(input.snapshot()));
      }
    }
    return files;
  }

  static String pairFileName(AccountSnapshot snapshot) {
    return snapshot.accountId() + "-" + snapshot.region() + ".json";
  }

  /**
   * Refuses, before any work, report targets that would clash: two reports in one file (or one on top of
   * --save-snapshot), a report over the snapshot being scanned, or several reports on standard output.
   */
  private void checkOutputTargets() {
    Map<Path, String> seen = new LinkedHashMap<>();
    List<Path> targets = new ArrayList<>(reports.files());
    if (saveSnapshot != null) {
      targets.add(saveSnapshot);
    }
    if (gate.writeBaseline != null) {
      targets.add(gate.writeBaseline);
    }
    // The plan, the script and the change log are outputs too: never over an input or another output.
    Stream.of(fix.planOutput, fix.fixScript, fix.changeLog).filter(Objects::nonNull).forEach(targets::add);
    for (Path target : targets) {
      scanInputs.refuseOverwriting(target);
      Path normalized = target.toAbsolutePath().normalize();
      String previous = seen.putIfAbsent(normalized, target.toString());
      if (previous != null) {
        throw new UserInputException(target + " is given twice as an output (as " + previous + " too)");
      }
    }
  }

  private static Severity parseSeverity(String option, String value) {
    try {
      return Severity.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(option + ": " + e.getMessage());
    }
  }
}
