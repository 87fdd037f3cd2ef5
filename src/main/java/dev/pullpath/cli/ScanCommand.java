package dev.pullpath.cli;

import dev.pullpath.aws.CollectionResult;
import dev.pullpath.aws.EstateScan;
import dev.pullpath.aws.LiveCollector;
import dev.pullpath.aws.LiveScanOptions;
import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.Rule;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.planned.CloudFormationTemplates;
import dev.pullpath.planned.PlannedInputException;
import dev.pullpath.planned.PlannedOverlay;
import dev.pullpath.planned.PlannedResources;
import dev.pullpath.planned.TaskDefinitionFiles;
import dev.pullpath.planned.TerraformPlans;
import dev.pullpath.report.ScanReport;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SnapshotPart;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
      "  0  no finding at or above --fail-on; with --fix: nothing to change, or every step applied and verified",
      "  1  findings at or above --fail-on; with --fix: steps planned but not applied, or not all applied",
      "  2  usage error or unreadable input",
      "  3  AWS access error: credentials, or part of the account unreadable (PP000)",
      "  4  internal error"
    })
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--snapshot", paramLabel = "FILE", arity = "1..*",
      description = "Read the account from this snapshot JSON file instead of AWS (no AWS calls, no credentials). "
          + "Several files (one per account/region pair) give one report covering them all.")
  List<Path> snapshotFiles = new ArrayList<>();

  @Option(names = "--task-definition", arity = "1..*", paramLabel = "FILE",
      description = "Check planned task definitions (register-task-definition --cli-input-json or "
          + "describe-task-definition JSON) as they would run in the account of --snapshot or --region, or alone "
          + "when neither is given. Each replaces its family's latest revision.")
  List<Path> taskDefinitionFiles = new ArrayList<>();

  @Option(names = "--template", arity = "1..*", paramLabel = "FILE",
      description = "Check the task definitions, VPC endpoints, security groups (and their rules), IAM roles (and "
          + "policies) and pull-through cache rules of CloudFormation or SAM templates (JSON or YAML) the same way; "
          + "values pullpath cannot resolve are stated, not guessed.")
  List<Path> templateFiles = new ArrayList<>();

  @Option(names = "--parameters", paramLabel = "FILE",
      description = "Parameter values for --template, overriding the defaults: [{\"ParameterKey\": \"K\", "
          + "\"ParameterValue\": \"V\"}] (as create-stack --parameters file:// takes) or {\"K\": \"V\"}.")
  Path parametersFile;

  @Option(names = "--terraform-plan", arity = "1..*", paramLabel = "FILE",
      description = "Check the task definitions, VPC endpoints, security groups (and rules), IAM roles (and role "
          + "policies) and pull-through cache rules of Terraform plans (the JSON of terraform show -json PLANFILE) the "
          + "same way; values known only after apply are stated, not guessed.")
  List<Path> terraformPlanFiles = new ArrayList<>();

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
    boolean planning = !taskDefinitionFiles.isEmpty() || !templateFiles.isEmpty() || !terraformPlanFiles.isEmpty();
    refuseConflictingInputs(planning);
    PlannedResources planned = readPlanned();
    GateOptions.Loaded gateFiles = gate.load();
    boolean withoutAccount = snapshotFiles.isEmpty() && !aws.requested();
    List<Input> inputs;
    if (withoutAccount) {
      inputs = List.of();
    } else if (!snapshotFiles.isEmpty()) {
      inputs = readSnapshotFiles();
    } else if (aws.estate()) {
      inputs = collectEstate();
    } else {
      inputs = List.of(collectLive());
    }
    PlannedOverlay overlay = null;
    if (!planned.isEmpty()) {
      Input input = inputs.isEmpty() ? null : inputs.get(0);
      overlay = overlay(input, planned);
      if (saveSnapshot != null) {
        // The saved snapshot is the account as it will be, and reports point into it like a live scan's.
        input = new Input(overlay.snapshot(), displayPath(saveSnapshot), SnapshotJson.write(overlay.snapshot()));
      } else {
        input = input == null
            ? new Input(overlay.snapshot(), displayPath(firstPlannedFile()), readText(firstPlannedFile()))
            : new Input(overlay.snapshot(), input.source(), input.sourceText(), input.sourceFile());
      }
      inputs = List.of(input);
    }

    Scanner scanner = new Scanner(selected);
    List<ScanResult> all = new ArrayList<>();
    List<ScanReport> shown = new ArrayList<>();
    PrintWriter err = spec.commandLine().getErr();
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
      // The plan replaces the default text report; reports asked for with --format are still written.
      reports.write(shown, VersionProvider.version(), files, spec.commandLine().getOut(), false);
      Input input = inputs.get(0);
      // Pinned to the region that was scanned, so a fix writes exactly there.
      LiveScanOptions liveOptions = snapshotFiles.isEmpty()
          ? aws.toLiveScanOptions().forPair(input.snapshot().region(), null) : null;
      return new FixRun(spec.commandLine().getOut(), spec.commandLine().getErr(), terminal, live, scanner)
          .planAndApply(input.snapshot(), all.get(0).findings(), fix, liveOptions);
    }
    reports.write(shown, VersionProvider.version(), files, spec.commandLine().getOut(), true);
    return exitCode(all, threshold, withoutAccount);
  }

  /**
   * Refuses, before any work, inputs that do not go together: a snapshot with live options, planned files
   * against several pairs, --fix beyond one pair. A typo or a wrong combination costs no AWS call.
   */
  private void refuseConflictingInputs(boolean planning) {
    if (!snapshotFiles.isEmpty() && aws.anyGiven()) {
      throw new UserInputException("--snapshot scans a file; --region, --profile, --endpoint-url, --role-arn, "
          + "--cluster, --service and --vpc are for a live scan: give one or the other");
    }
    if (snapshotFiles.isEmpty() && !aws.requested() && !planning) {
      throw new UserInputException("give --snapshot FILE for an offline scan, or --region REGION (or --profile "
          + "PROFILE) for a live, read-only scan of an AWS account (see 'pullpath scan --help')");
    }
    if (planning && (snapshotFiles.size() > 1 || aws.estate())) {
      throw new UserInputException("--task-definition, --template and --terraform-plan are checked against one "
          + "account and region: give one --snapshot or one --region");
    }
    if (snapshotFiles.isEmpty() && aws.requested()) {
      validateLiveOptions();
    }
    if (fix.yes && !snapshotFiles.isEmpty()) {
      throw new UserInputException("--yes applies a plan to the live account; scan it live (--region) instead of "
          + "--snapshot, or save the plan with --plan-output and run 'pullpath apply' against the account");
    }
    if (fix.anyFixOnlyOptionGiven() && !fix.requested()) {
      throw new UserInputException("--yes, --change-log, --allow-policy-rewrite, --credential-arn, --allow-ingress and "
          + "--update-services shape a fix: add --fix");
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
      files.put(saveSnapshot, input.sourceText() != null && (snapshotFiles.isEmpty() || planned)
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
   * What is scanned, as reports name it.
   *
   * @param source the snapshot path or {@code aws://ACCOUNT/REGION}
   * @param sourceText the snapshot JSON text, so SARIF results can point at lines; {@code null} if none
   * @param sourceFile where {@code sourceText} is saved when that is not {@code source} (a live scan with
   *     --save-snapshot), {@code null} otherwise
   * @param notScanned instead of a snapshot, the PP000 result of a pair an estate scan could not enter
   */
  private record Input(
      AccountSnapshot snapshot, String source, String sourceText, String sourceFile, ScanResult notScanned) {
    Input(AccountSnapshot snapshot, String source, String sourceText) {
      this(snapshot, source, sourceText, null, null);
    }

    Input(AccountSnapshot snapshot, String source, String sourceText, String sourceFile) {
      this(snapshot, source, sourceText, sourceFile, null);
    }

    static Input notScanned(ScanResult result) {
      return new Input(null, result.source(), null, null, result);
    }
  }

  /** Every snapshot file; two files of the same account and region would make two SARIF runs clash. */
  private List<Input> readSnapshotFiles() {
    List<Input> inputs = new ArrayList<>();
    Map<String, Path> pairs = new LinkedHashMap<>();
    for (Path file : snapshotFiles) {
      String text = SnapshotJson.readText(file);
      AccountSnapshot snapshot = SnapshotJson.parse(text, file.toString());
      Path previous = pairs.putIfAbsent(snapshot.accountId() + "/" + snapshot.region(), file);
      if (previous != null) {
        throw new UserInputException(previous + " and " + file + " are both account " + snapshot.accountId()
            + " in " + snapshot.region() + ": give one snapshot per account/region pair");
      }
      inputs.add(new Input(snapshot, displayPath(file), text));
    }
    return inputs;
  }

  /**
   * Reads the account through the AWS APIs. The reports name the live source; with --save-snapshot,
   * SARIF results point into the file the snapshot is saved to (written with them), so a code-scanning
   * alert opens on the resource's line.
   */
  private Input collectLive() {
    PrintWriter err = spec.commandLine().getErr();
    CollectionResult collected = live.collect(aws.toLiveScanOptions(), aws.progressListener(err));
    if (!aws.quiet()) {
      err.println(collected.summary());
      err.flush();
    }
    AccountSnapshot snapshot = collected.snapshot();
    checkScopeFound(snapshot);
    String live = "aws://" + snapshot.accountId() + "/" + snapshot.region();
    if (saveSnapshot == null) {
      return new Input(snapshot, live, null);
    }
    return new Input(snapshot, live, SnapshotJson.write(snapshot), displayPath(saveSnapshot));
  }

  /**
   * Scans every account/region pair of --accounts and --regions; a pair that cannot be entered becomes a
   * PP000 result, and the others still report.
   */
  private List<Input> collectEstate() {
    PrintWriter err = spec.commandLine().getErr();
    LiveCollector collector = new LiveCollector();
    LiveScanOptions base = aws.toLiveScanOptions();
    List<String> accounts = EstateArgs.accounts(aws.accounts(), () -> collector.organizationAccounts(base));
    boolean allRegions = aws.regions().size() == 1 && "all".equalsIgnoreCase(aws.regions().get(0));
    List<String> regions = aws.regions().isEmpty()
        ? java.util.Collections.singletonList(aws.toLiveScanOptions().region())
        : allRegions ? List.of() : aws.regions();
    EstateScan.Targets targets = new EstateScan.Targets(accounts, aws.assumeRoleName(), regions, allRegions);
    List<Input> inputs = new ArrayList<>();
    for (EstateScan.Outcome outcome : new EstateScan(collector).run(base, targets, aws.parallelPairs(),
        aws.progressListener(err))) {
      if (outcome.failure() != null) {
        String account = outcome.accountId() == null ? "unknown" : outcome.accountId();
        err.println("pullpath: account " + account + " in " + outcome.region() + " not scanned: "
            + outcome.failure().getMessage());
        inputs.add(Input.notScanned(NotEvaluated.pairNotScanned(outcome.accountId(), outcome.region(),
            "aws://" + account + "/" + outcome.region(), outcome.failure().getMessage())));
        continue;
      }
      if (!aws.quiet()) {
        err.println(outcome.collected().summary());
      }
      AccountSnapshot snapshot = outcome.collected().snapshot();
      inputs.add(new Input(snapshot, "aws://" + snapshot.accountId() + "/" + snapshot.region(), null));
    }
    err.flush();
    return inputs;
  }

  /** Reads every --task-definition file; a file that cannot be used is a usage error naming it. */
  private PlannedResources readPlanned() {
    try {
      PlannedResources planned = PlannedResources.of(
          taskDefinitionFiles.stream().map(f -> TaskDefinitionFiles.read(f, displayPath(f))).toList());
      if (parametersFile != null && templateFiles.isEmpty()) {
        throw new UserInputException("--parameters gives values to the parameters of --template FILE: add one");
      }
      if (!templateFiles.isEmpty()) {
        planned = planned.plus(CloudFormationTemplates.readAll(templateFiles, ScanCommand::displayPath, parametersFile == null
            ? dev.pullpath.planned.TemplateParameters.NONE
            : dev.pullpath.planned.TemplateParameters.read(parametersFile, displayPath(parametersFile))));
      }
      for (Path f : terraformPlanFiles) {
        planned = planned.plus(TerraformPlans.readAll(f, displayPath(f)));
      }
      return planned;
    } catch (PlannedInputException e) {
      throw new UserInputException(e.getMessage());
    }
  }

  /** Lays the planned files over the account (or over nothing) and prints how they were read. */
  private PlannedOverlay overlay(Input context, PlannedResources planned) {
    PlannedOverlay overlay;
    try {
      overlay = PlannedOverlay.of(context == null ? null : context.snapshot(), planned);
    } catch (PlannedInputException | IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    overlay.notes().forEach(note -> err.println("pullpath: " + note));
    err.flush();
    return overlay;
  }

  private Path firstPlannedFile() {
    return java.util.stream.Stream.of(taskDefinitionFiles, templateFiles, terraformPlanFiles)
        .flatMap(List::stream).findFirst().orElseThrow();
  }

  private static String readText(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new UserInputException("cannot read " + file + ": " + ReportArgs.describe(e));
    }
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
    List<Path> inputs = snapshotFiles.stream().map(f -> f.toAbsolutePath().normalize()).toList();
    List<Path> plannedInputs = java.util.stream.Stream.of(taskDefinitionFiles, templateFiles, terraformPlanFiles,
            parametersFile == null ? List.<Path>of() : List.of(parametersFile))
        .flatMap(List::stream)
        .map(f -> f.toAbsolutePath().normalize()).toList();
    for (Path target : targets) {
      Path normalized = target.toAbsolutePath().normalize();
      if (inputs.contains(normalized)) {
        throw new UserInputException(target + " is the snapshot being scanned; write reports elsewhere");
      }
      if (plannedInputs.contains(normalized)) {
        throw new UserInputException(target + " is a task definition being checked; write reports elsewhere");
      }
      String previous = seen.putIfAbsent(normalized, target.toString());
      if (previous != null) {
        throw new UserInputException(target + " is given twice as an output (as " + previous + " too)");
      }
    }
  }

  /** Bounds the AWS options before any call, so a typo costs no API call and gives exit 2. */
  private void validateLiveOptions() {
    if (aws.maxAttempts() < 1 || aws.concurrency() < 1 || aws.parallelPairs() < 1) {
      throw new UserInputException("--max-attempts, --concurrency and --parallel-pairs must be at least 1");
    }
    EstateArgs.validate(aws.toLiveScanOptions(), aws.regions(), aws.accounts(), aws.assumeRoleName());
  }

  /**
   * A --service or --vpc that matched nothing is a typo, not a clean account: without this check a CI gate
   * would pass on an empty scan.
   */
  private void checkScopeFound(AccountSnapshot snapshot) {
    LiveScanOptions options = aws.toLiveScanOptions();
    if (snapshot.isReadable(SnapshotPart.SERVICES)) {
      List<String> missing = options.services().stream()
          .filter(name -> snapshot.services().stream()
              .noneMatch(s -> name.equals(s.serviceName()) || name.equals(s.serviceArn())))
          .toList();
      if (!missing.isEmpty()) {
        throw new UserInputException("--service: no active service " + String.join(", ", missing) + " in "
            + (options.clusters().isEmpty() ? "any cluster" : "cluster(s) " + String.join(", ", options.clusters()))
            + " of " + snapshot.region());
      }
    }
    if (snapshot.isReadable(SnapshotPart.VPCS)) {
      List<String> missing = options.vpcIds().stream()
          .filter(id -> snapshot.vpcs().stream().noneMatch(v -> v.vpcId().equals(id)))
          .toList();
      if (!missing.isEmpty()) {
        throw new UserInputException("--vpc: no VPC " + String.join(", ", missing) + " in " + snapshot.region());
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

  /** The snapshot path as reports should show it: relative to the working directory when inside it. */
  private static String displayPath(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    Path shown = absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
