package dev.pullpath.cli;

import dev.pullpath.aws.CollectionResult;
import dev.pullpath.aws.EstateScan;
import dev.pullpath.aws.LiveCollector;
import dev.pullpath.aws.LiveScanOptions;
import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.ScanResult;
import dev.pullpath.planned.CloudFormationTemplates;
import dev.pullpath.planned.PlannedInputException;
import dev.pullpath.planned.PlannedOverlay;
import dev.pullpath.planned.PlannedResources;
import dev.pullpath.planned.TaskDefinitionFiles;
import dev.pullpath.planned.TerraformPlans;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SnapshotPart;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * What {@code scan} reads, and reading it: snapshot files, or the live account (or every account/region pair
 * of an estate) through the AWS options, with planned task definitions, templates and Terraform plans laid
 * over it (or checked alone). The result is the inputs the scan runs over, each with the text its reports
 * point into.
 */
final class ScanInputs {
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

  /**
   * What is scanned, as reports name it.
   *
   * @param source the snapshot path or {@code aws://ACCOUNT/REGION}
   * @param sourceText the snapshot JSON text, so SARIF results can point at lines; {@code null} if none
   * @param sourceFile where {@code sourceText} is saved when that is not {@code source} (a live scan with
   *     --save-snapshot), {@code null} otherwise
   * @param notScanned instead of a snapshot, the PP000 result of a pair an estate scan could not enter
   */
  record Input(
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

  /**
   * The inputs to scan, in report order.
   *
   * @param overlay how planned files were laid over the account, {@code null} when none were given
   * @param withoutAccount planned files checked alone, with neither --snapshot nor a live account
   */
  record Gathered(List<Input> inputs, PlannedOverlay overlay, boolean withoutAccount) {}

  /** Whether planned files (task definitions, templates, Terraform plans) are to be checked. */
  boolean planning() {
    return !taskDefinitionFiles.isEmpty() || !templateFiles.isEmpty() || !terraformPlanFiles.isEmpty();
  }

  /**
   * Refuses, before any work, inputs that do not go together: a snapshot with live options, nothing to scan,
   * planned files against several pairs, live options out of bounds. A typo or a wrong combination costs no
   * AWS call.
   */
  void refuseConflicts(AwsOptions aws) {
    boolean planning = planning();
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
      validateLiveOptions(aws);
    }
  }

  /** Refuses an output file that is one of the files being read. */
  void refuseOverwriting(Path target) {
    Path normalized = target.toAbsolutePath().normalize();
    List<Path> inputs = snapshotFiles.stream().map(f -> f.toAbsolutePath().normalize()).toList();
    List<Path> plannedInputs = Stream.of(taskDefinitionFiles, templateFiles, terraformPlanFiles,
            parametersFile == null ? List.<Path>of() : List.of(parametersFile))
        .flatMap(List::stream)
        .map(f -> f.toAbsolutePath().normalize()).toList();
    if (inputs.contains(normalized)) {
      throw new UserInputException(target + " is the snapshot being scanned; write reports elsewhere");
    }
    if (plannedInputs.contains(normalized)) {
      throw new UserInputException(target + " is a task definition being checked; write reports elsewhere");
    }
  }

  /** Reads every planned file; a file that cannot be used is a usage error naming it. */
  PlannedResources readPlanned() {
    try {
      PlannedResources planned = PlannedResources.of(
          taskDefinitionFiles.stream().map(f -> TaskDefinitionFiles.read(f, displayPath(f))).toList());
      if (parametersFile != null && templateFiles.isEmpty()) {
        throw new UserInputException("--parameters gives values to the parameters of --template FILE: add one");
      }
      if (!templateFiles.isEmpty()) {
        planned = planned.plus(CloudFormationTemplates.readAll(templateFiles, ScanInputs::displayPath, parametersFile == null
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

  /**
   * Reads the snapshot files or the live account(s), and lays {@code planned} over them.
   *
   * @param saveSnapshot the --save-snapshot target, {@code null} when not given
   */
  Gathered gather(PlannedResources planned, AwsOptions aws, LiveAccess live, Path saveSnapshot, PrintWriter err) {
    boolean withoutAccount = snapshotFiles.isEmpty() && !aws.requested();
    List<Input> inputs;
    if (withoutAccount) {
      inputs = List.of();
    } else if (!snapshotFiles.isEmpty()) {
      inputs = readSnapshotFiles();
    } else if (aws.estate()) {
      inputs = collectEstate(aws, err);
    } else {
      inputs = List.of(collectLive(aws, live, saveSnapshot, err));
    }
    PlannedOverlay overlay = null;
    if (!planned.isEmpty()) {
      Input input = inputs.isEmpty() ? null : inputs.get(0);
      overlay = overlay(input, planned, err);
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
    return new Gathered(inputs, overlay, withoutAccount);
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
  private static Input collectLive(AwsOptions aws, LiveAccess access, Path saveSnapshot, PrintWriter err) {
    CollectionResult collected = access.collect(aws.toLiveScanOptions(), aws.progressListener(err));
    if (!aws.quiet()) {
      err.println(collected.summary());
      err.flush();
    }
    AccountSnapshot snapshot = collected.snapshot();
    checkScopeFound(aws, snapshot);
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
  private static List<Input> collectEstate(AwsOptions aws, PrintWriter err) {
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

  /** Lays the planned files over the account (or over nothing) and prints how they were read. */
  private static PlannedOverlay overlay(Input context, PlannedResources planned, PrintWriter err) {
    PlannedOverlay overlay;
    try {
      overlay = PlannedOverlay.of(context == null ? null : context.snapshot(), planned);
    } catch (PlannedInputException | IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    overlay.notes().forEach(note -> err.println("pullpath: " + note));
    err.flush();
    return overlay;
  }

  private Path firstPlannedFile() {
    return Stream.of(taskDefinitionFiles, templateFiles, terraformPlanFiles)
        .flatMap(List::stream).findFirst().orElseThrow();
  }

  private static String readText(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new UserInputException("cannot read " + file + ": " + ReportArgs.describe(e));
    }
  }

  /** Bounds the AWS options before any call, so a typo costs no API call and gives exit 2. */
  private static void validateLiveOptions(AwsOptions aws) {
    if (aws.maxAttempts() < 1 || aws.concurrency() < 1 || aws.parallelPairs() < 1) {
      throw new UserInputException("--max-attempts, --concurrency and --parallel-pairs must be at least 1");
    }
    EstateArgs.validate(aws.toLiveScanOptions(), aws.regions(), aws.accounts(), aws.assumeRoleName());
  }

  /**
   * A --service or --vpc that matched nothing is a typo, not a clean account: without this check a CI gate
   * would pass on an empty scan.
   */
  private static void checkScopeFound(AwsOptions aws, AccountSnapshot snapshot) {
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

  /** The snapshot path as reports should show it: relative to the working directory when inside it. */
  static String displayPath(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    Path shown = absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
