package dev.pullpath.cli;

import dev.pullpath.aws.CollectionResult;
import dev.pullpath.aws.LiveScanOptions;
import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.Rule;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.report.ReportFormat;
import dev.pullpath.report.ReportOptions;
import dev.pullpath.report.ReportWriter;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SnapshotPart;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
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
      "Checks one account and region and reports findings with fix hints: offline from a snapshot file, or live "
          + "through the AWS APIs with read-only calls (Describe, List, Get and SimulatePrincipalPolicy; "
          + "docs/iam-policy-scan.json is the policy it needs). Several --format/--output pairs write several "
          + "reports in one run."
    },
    footer = {
      "",
      "Examples:",
      "  pullpath scan --snapshot examples/seed-broken.json",
      "  pullpath scan --region eu-west-1 --save-snapshot account.json",
      "  pullpath scan --snapshot a.json --format sarif --output a.sarif --format text",
      "  pullpath scan --snapshot account.json --rules PP003,PP006 --fail-on warning",
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

  @Option(names = "--snapshot", paramLabel = "FILE",
      description = "Read the account from this snapshot JSON file instead of AWS (no AWS calls, no credentials).")
  Path snapshotFile;

  @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "%nReports (repeat the pair for several):%n")
  List<Output> outputs = new ArrayList<>();

  /** One report: a format and where it goes. */
  static final class Output {
    @Option(names = "--format", required = true, paramLabel = "FORMAT",
        description = "text, json, sarif or html (default: text to standard output).")
    String format;

    @Option(names = "--output", paramLabel = "FILE",
        description = "Write the report preceding this option here (atomically); standard output if omitted.")
    Path file;
  }

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

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Colour text output: auto (only on a terminal), always, never (default: ${DEFAULT-VALUE}).")
  String color;

  @Mixin AwsOptions aws = new AwsOptions();

  @ArgGroup(exclusive = false, heading = "%nFixing (see docs/fix-plan.md):%n")
  FixCliOptions fix = new FixCliOptions();

  /** How live accounts are reached; tests put a fake account here. */
  LiveAccess live = LiveAccess.AWS;

  /** Where a confirmation is asked; tests put a scripted answer here. */
  Terminal terminal = Terminal.SYSTEM;

  @Option(names = "--save-snapshot", paramLabel = "FILE",
      description = "Also write the snapshot that was scanned, e.g. to audit a live account offline later.")
  Path saveSnapshot;

  @Override
  public Integer call() {
    Severity minimum = parseSeverity("--min-severity", minSeverity);
    Severity threshold = "never".equalsIgnoreCase(failOn) ? null : parseSeverity("--fail-on", failOn);
    boolean colorOnTerminal = colorOnTerminal();
    if (threshold != null && !threshold.isAtLeast(minimum)) {
      throw new UserInputException("--fail-on " + threshold.label() + " is below --min-severity " + minimum.label()
          + ": the build would fail on findings the report hides");
    }
    List<ReportFormat> formats = new ArrayList<>();
    for (Output output : outputs) {
      formats.add(parseFormat(output.format));
    }
    List<Rule> selected = RuleRegistry.loadInstalled().select(rules, excludeRules);
    if (selected.isEmpty()) {
      throw new UserInputException("--rules and --exclude-rules leave no rule to run");
    }
    checkOutputTargets();
    if (snapshotFile != null && aws.anyGiven()) {
      throw new UserInputException("--snapshot scans a file; --region, --profile, --endpoint-url, --role-arn, "
          + "--cluster, --service and --vpc are for a live scan: give one or the other");
    }
    if (snapshotFile == null && !aws.requested()) {
      throw new UserInputException("give --snapshot FILE for an offline scan, or --region REGION (or --profile "
          + "PROFILE) for a live, read-only scan of an AWS account (see 'pullpath scan --help')");
    }
    if (snapshotFile == null) {
      validateLiveOptions();
    }
    if (fix.yes && snapshotFile != null) {
      throw new UserInputException("--yes applies a plan to the live account; scan it live (--region) instead of "
          + "--snapshot, or save the plan with --plan-output and run 'pullpath apply' against the account");
    }
    if (fix.anyFixOnlyOptionGiven() && !fix.requested()) {
      throw new UserInputException("--yes, --change-log, --allow-policy-rewrite, --credential-arn, --allow-ingress and "
          + "--update-services shape a fix: add --fix");
    }
    Input input = snapshotFile != null ? readSnapshotFile() : collectLive();

    ScanResult all = new Scanner(selected).scan(input.snapshot(), input.source(), Severity.NOTE);
    ScanResult shown = all.atLeast(minimum);
    if (fix.requested()) {
      // The plan replaces the default text report; reports asked for with --format are still written.
      if (!outputs.isEmpty() || saveSnapshot != null) {
        Map<Path, String> extra = new LinkedHashMap<>();
        if (saveSnapshot != null) {
          extra.put(saveSnapshot, snapshotFile == null ? input.sourceText() : SnapshotJson.write(input.snapshot()));
        }
        writeReports(shown, formats, input.sourceText(), colorOnTerminal, extra);
      }
      LiveScanOptions liveOptions = snapshotFile == null ? withRegion(input.snapshot().region()) : null;
      return new FixRun(spec.commandLine().getOut(), spec.commandLine().getErr(), terminal, live, new Scanner(selected))
          .planAndApply(input.snapshot(), all.findings(), fix, liveOptions);
    }

    Map<Path, String> files = new LinkedHashMap<>();
    if (saveSnapshot != null) {
      // A live scan's source text is already the snapshot to save; a file is saved in the current format.
      files.put(saveSnapshot, snapshotFile == null ? input.sourceText() : SnapshotJson.write(input.snapshot()));
    }
    writeReports(shown, formats, input.sourceText(), colorOnTerminal, files);

    if (threshold != null && all.hasFindingsAtLeast(threshold)) {
      return ExitCode.FINDINGS;
    }
    long notEvaluated = all.findingsOf(NotEvaluated.DESCRIPTOR.id()).size();
    if (notEvaluated > 0) {
      // A CI gate must not pass on an audit that could not read part of the account.
      PrintWriter err = spec.commandLine().getErr();
      err.println("pullpath: incomplete scan: " + notEvaluated + " check(s) not evaluated for lack of read "
          + "permissions (PP000)");
      err.flush();
      return ExitCode.AWS_ACCESS;
    }
    return ExitCode.OK;
  }

  /**
   * What is scanned, as reports name it.
   *
   * @param source the snapshot path or {@code aws://ACCOUNT/REGION}
   * @param sourceText the snapshot JSON text, so SARIF results can point at lines; {@code null} if none
   */
  private record Input(AccountSnapshot snapshot, String source, String sourceText) {}

  private Input readSnapshotFile() {
    String text = SnapshotJson.readText(snapshotFile);
    return new Input(SnapshotJson.parse(text, snapshotFile.toString()), displayPath(snapshotFile), text);
  }

  /**
   * Reads the account through the AWS APIs. With --save-snapshot the reports point into the file the
   * snapshot is saved to (written with them), so a code-scanning alert opens on the resource's line.
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
    if (saveSnapshot == null) {
      return new Input(snapshot, "aws://" + snapshot.accountId() + "/" + snapshot.region(), null);
    }
    return new Input(snapshot, displayPath(saveSnapshot), SnapshotJson.write(snapshot));
  }

  /** The live options pinned to the region that was scanned, so a fix writes exactly there. */
  private LiveScanOptions withRegion(String region) {
    LiveScanOptions o = aws.toLiveScanOptions();
    return new LiveScanOptions(region, o.profile(), o.endpointOverride(), o.roleArn(), o.clusters(), o.services(),
        o.vpcIds(), o.maxAttempts(), o.concurrency());
  }

  /**
   * Refuses, before any work, report targets that would clash: two reports in one file (or one on top of
   * --save-snapshot), a report over the snapshot being scanned, or several reports on standard output.
   */
  private void checkOutputTargets() {
    long toStdout = outputs.isEmpty() ? 1 : outputs.stream().filter(o -> o.file == null).count();
    if (toStdout > 1) {
      throw new UserInputException("only one report can go to standard output; give --output FILE to the others");
    }
    Map<Path, String> seen = new LinkedHashMap<>();
    List<Path> targets = new ArrayList<>();
    outputs.stream().filter(o -> o.file != null).forEach(o -> targets.add(o.file));
    if (saveSnapshot != null) {
      targets.add(saveSnapshot);
    }
    Path input = snapshotFile == null ? null : snapshotFile.toAbsolutePath().normalize();
    for (Path target : targets) {
      Path normalized = target.toAbsolutePath().normalize();
      if (normalized.equals(input)) {
        throw new UserInputException(target + " is the snapshot being scanned; write reports elsewhere");
      }
      String previous = seen.putIfAbsent(normalized, target.toString());
      if (previous != null) {
        throw new UserInputException(target + " is given twice as an output (as " + previous + " too)");
      }
    }
  }

  /** Bounds the AWS options before any call, so a typo costs no API call and gives exit 2. */
  private void validateLiveOptions() {
    if (aws.maxAttempts() < 1 || aws.concurrency() < 1) {
      throw new UserInputException("--max-attempts and --concurrency must be at least 1");
    }
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

  /**
   * Renders every report, then writes every file in one all-or-nothing step, then prints what goes to
   * standard output: a failure anywhere leaves no new file behind.
   *
   * @param files files to write besides the reports (the saved snapshot)
   */
  private void writeReports(
      ScanResult result, List<ReportFormat> formats, String sourceText, boolean color, Map<Path, String> files) {
    String version = VersionProvider.version();
    List<String> toStdout = new ArrayList<>();
    if (outputs.isEmpty()) {
      toStdout.add(ReportFormat.TEXT.renderer().render(result, new ReportOptions(version, color, sourceText)));
    }
    for (int i = 0; i < outputs.size(); i++) {
      Path file = outputs.get(i).file;
      String report = formats.get(i).renderer().render(result, new ReportOptions(version, color && file == null,
          sourceText));
      if (file == null) {
        toStdout.add(report);
      } else {
        files.put(file, report);
      }
    }
    try {
      new ReportWriter().writeAll(files);
    } catch (ReportWriter.TargetException e) {
      throw new UserInputException("cannot write " + e.target() + ": " + describe(e.reason()));
    } catch (IOException e) {
      throw new UserInputException("cannot write the reports: " + describe(e));
    }
    PrintWriter out = spec.commandLine().getOut();
    toStdout.forEach(out::print);
    out.flush();
  }

  /** The reason of a file error in words; the JDK's own messages are often just the path again. */
  private static String describe(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NotDirectoryException || e instanceof java.nio.file.FileAlreadyExistsException) {
      return "a part of the path is a file, not a directory";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such directory";
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Whether text written to standard output gets ANSI colours; reports written to files never do. */
  private boolean colorOnTerminal() {
    return switch (color.toLowerCase(Locale.ROOT)) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> System.console() != null && System.getenv("NO_COLOR") == null
          && !"dumb".equals(System.getenv("TERM"));
      default -> throw new UserInputException("--color must be auto, always or never, not '" + color + "'");
    };
  }

  private static Severity parseSeverity(String option, String value) {
    try {
      return Severity.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(option + ": " + e.getMessage());
    }
  }

  private static ReportFormat parseFormat(String value) {
    try {
      return ReportFormat.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--format: " + e.getMessage());
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
