package dev.pullpath.cli;

import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Severity;
import dev.pullpath.report.JsonReportReader;
import dev.pullpath.report.ScanReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Merges the JSON reports of sharded runs (one CI job per account, say) into one report, without
 * scanning again: each account/region pair keeps its findings, and the merged report opens with the
 * per-pair summary.
 */
@Command(
    name = "merge",
    header = "Merge JSON reports of sharded scans into one report, without scanning again.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads JSON reports written by 'pullpath scan --format json' (one account/region pair each, or several) and "
          + "writes one report covering every pair: text, json, sarif or html. A pair may appear only once."
    },
    footer = {
      "",
      "Examples:",
      "  pullpath merge shard-*/report.json --format html --output estate.html",
      "  pullpath merge a.json b.json --format sarif --output sarif/ --format text",
      "",
      "Exit codes:",
      "  0  no finding at or above --fail-on in any report",
      "  1  findings at or above --fail-on",
      "  2  usage error or unreadable report",
      "  3  some check was not evaluated (PP000) in a report",
      "  4  internal error"
    })
final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REPORT.json", arity = "1..*", description = "JSON reports to merge.")
  List<Path> inputs = new ArrayList<>();

  @Mixin ReportArgs reports = new ReportArgs();

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
      description = "Exit 1 when a finding is at or above: error, warning, note, or never (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Override
  public Integer call() {
    reports.validate();
    Severity threshold;
    try {
      threshold = "never".equalsIgnoreCase(failOn) ? null : Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--fail-on: " + e.getMessage());
    }
    for (Path target : reports.files()) {
      if (inputs.stream().anyMatch(in -> in.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize()))) {
        throw new UserInputException(target + " is a report being merged; write the merged report elsewhere");
      }
    }
    Map<String, Path> pairs = new LinkedHashMap<>();
    List<ScanReport> scans = new ArrayList<>();
    for (Path input : inputs) {
      for (ScanResult result : read(input)) {
        Path previous = pairs.putIfAbsent(result.accountId() + "/" + result.region(), input);
        if (previous != null) {
          throw new UserInputException(input + ": account " + result.accountId() + " in " + result.region()
              + " is in " + previous + " too; merge each account/region pair once");
        }
        scans.add(new ScanReport(result, null));
      }
    }
    reports.write(scans, VersionProvider.version(), Map.of(), spec.commandLine().getOut(), true);
    if (threshold != null && scans.stream().anyMatch(s -> s.result().hasFindingsAtLeast(threshold))) {
      return ExitCode.FINDINGS;
    }
    boolean incomplete = scans.stream()
        .anyMatch(s -> !s.result().findingsOf(NotEvaluated.DESCRIPTOR.id()).isEmpty());
    return incomplete ? ExitCode.AWS_ACCESS : ExitCode.OK;
  }

  private static List<ScanResult> read(Path input) {
    String text;
    try {
      text = Files.readString(input, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserInputException("cannot read " + input + ": " + ReportArgs.describe(e));
    }
    try {
      return JsonReportReader.read(text);
    } catch (JsonReportReader.NotAReportException e) {
      throw new UserInputException(input + ": " + e.getMessage());
    }
  }
}
