package dev.pullpath.cli;

import dev.pullpath.report.DocsUrl;
import dev.pullpath.report.GroupBy;
import dev.pullpath.report.ReportFormat;
import dev.pullpath.report.ReportOptions;
import dev.pullpath.report.ReportWriter;
import dev.pullpath.report.ScanReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The report options every command that writes reports shares (scan, merge): which formats go where, how
 * findings are grouped, colour; and the one all-or-nothing write of every report and extra file.
 */
final class ReportArgs {
  @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "%nReports (repeat the pair for several):%n")
  List<Output> outputs = new ArrayList<>();

  /** One report: a format and where it goes. */
  static final class Output {
    @Option(names = "--format", required = true, paramLabel = "FORMAT",
        description = "text, json, sarif, html or markdown (default: text to standard output).")
    String format;

    @Option(names = "--output", paramLabel = "FILE",
        description = "Write the report preceding this option here (atomically); standard output if omitted. "
            + "A SARIF report of more than " + ReportFormat.SARIF_RUNS_PER_FILE + " account/region pairs needs a "
            + "directory: one file per pair, as GitHub code scanning takes at most "
            + ReportFormat.SARIF_RUNS_PER_FILE + " runs per file.")
    Path file;
  }

  @Option(names = "--group-by", paramLabel = "HOW", defaultValue = "resource",
      description = "Group text and HTML findings by: resource (the thing to change, listing the workloads it "
          + "blocks) or workload (each finding under every workload it blocks) (default: ${DEFAULT-VALUE}).")
  String groupBy;

  @Option(names = "--docs-url", paramLabel = "URL",
      description = "Where the rule pages (rules/PPxxx.md) are published, e.g. https://docs.example.com/pullpath/"
          + "rules/ (pages are linked as URL/PP001.md) or a template with {id}. Default: no links; each rule's "
          + "page is embedded in SARIF and printed by 'pullpath rules ID'.")
  String docsUrl;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Colour text output: auto (only on a terminal), always, never (default: ${DEFAULT-VALUE}).")
  String color;

  /** Checks every value before any work, so a typo costs no scan. */
  void validate() {
    formats();
    grouping();
    docs();
    colorOnTerminal();
    long toStdout = outputs.isEmpty() ? 1 : outputs.stream().filter(o -> o.file == null).count();
    if (toStdout > 1) {
      throw new UserInputException("only one report can go to standard output; give --output FILE to the others");
    }
  }

  /** The formats asked for without --output, as given: those reports go to standard output. */
  List<String> formatsToStandardOutput() {
    return outputs.stream().filter(o -> o.file == null).map(o -> o.format).toList();
  }

  /** Report files, for the caller's clash checks against its own inputs and outputs. */
  List<Path> files() {
    return outputs.stream().filter(o -> o.file != null).map(o -> o.file).toList();
  }

  /**
   * Renders every report, then writes every file in one all-or-nothing step, then prints what goes to
   * standard output: a failure anywhere leaves no new file behind.
   *
   * @param extraFiles files to write with the reports (saved snapshots)
   * @param textByDefault whether, without any --format, the text report goes to standard output (not when
   *     the output is something else, such as a fix plan)
   */
  void write(List<ScanReport> scans, String version, Map<Path, String> extraFiles, PrintWriter stdout,
      boolean textByDefault) {
    boolean color = colorOnTerminal();
    List<ReportFormat> formats = formats();
    Map<Path, String> files = new LinkedHashMap<>(extraFiles);
    List<String> toStdout = new ArrayList<>();
    if (outputs.isEmpty() && textByDefault) {
      toStdout.add(ReportFormat.TEXT.renderer().render(scans, options(version, color)));
    }
    String[] reports = new String[outputs.size()];
    ReportOptions[] optionsOf = new ReportOptions[outputs.size()];
    List<Integer> rendered = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      Path file = outputs.get(i).file;
      optionsOf[i] = options(version, color && file == null);
      if (formats.get(i) == ReportFormat.SARIF && scans.size() > ReportFormat.SARIF_RUNS_PER_FILE) {
        putSarifPerPair(scans, file, optionsOf[i], files);
      } else {
        rendered.add(i);
      }
    }
    // Renderers are pure and independent: the reports of a large scan are rendered side by side on the
    // machine's cores, then placed in the order asked.
    rendered.parallelStream().forEach(i -> reports[i] = formats.get(i).renderer().render(scans, optionsOf[i]));
    for (int i : rendered) {
      if (outputs.get(i).file == null) {
        toStdout.add(reports[i]);
      } else {
        files.put(outputs.get(i).file, reports[i]);
      }
    }
    try {
      new ReportWriter().writeAll(files);
    } catch (ReportWriter.TargetException e) {
      throw new UserInputException("cannot write " + e.target() + ": " + describe(e.reason()));
    } catch (IOException e) {
      throw new UserInputException("cannot write the reports: " + describe(e));
    }
    toStdout.forEach(stdout::print);
    stdout.flush();
  }

  /** {@code DIR/ACCOUNT-REGION.sarif} for each pair: code scanning rejects files of more than 20 runs. */
  private static void putSarifPerPair(List<ScanReport> scans, Path directory, ReportOptions options,
      Map<Path, String> files) {
    if (directory == null || (Files.exists(directory) && !Files.isDirectory(directory))) {
      throw new UserInputException(scans.size() + " account/region pairs are more than the "
          + ReportFormat.SARIF_RUNS_PER_FILE + " runs GitHub code scanning takes in one SARIF file: give --output "
          + "a directory for one SARIF file per pair");
    }
    for (ScanReport scan : scans) {
      Path file = directory.resolve(scan.result().accountId() + "-" + scan.result().region() + ".sarif");
      files.put(file, ReportFormat.SARIF.renderer().render(List.of(scan), options));
    }
  }

  private ReportOptions options(String version, boolean color) {
    return new ReportOptions(version, color, null, null, docs(), grouping());
  }

  private DocsUrl docs() {
    if (docsUrl == null) {
      return null;
    }
    try {
      return DocsUrl.parse(docsUrl);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--docs-url: " + e.getMessage());
    }
  }

  GroupBy grouping() {
    for (GroupBy value : GroupBy.values()) {
      if (value.label().equalsIgnoreCase(groupBy)) {
        return value;
      }
    }
    throw new UserInputException("--group-by must be resource or workload, not '" + groupBy + "'");
  }

  private List<ReportFormat> formats() {
    List<ReportFormat> formats = new ArrayList<>();
    for (Output output : outputs) {
      try {
        formats.add(ReportFormat.parse(output.format));
      } catch (IllegalArgumentException e) {
        throw new UserInputException("--format: " + e.getMessage());
      }
    }
    return formats;
  }

  /** Whether text written to standard output gets ANSI colours; reports written to files never do. */
  private boolean colorOnTerminal() {
    return switch (color.toLowerCase(Locale.ROOT)) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> Terminal.isTerminal(System.console()) && System.getenv("NO_COLOR") == null
          && !"dumb".equals(System.getenv("TERM"));
      default -> throw new UserInputException("--color must be auto, always or never, not '" + color + "'");
    };
  }

  /** The reason of a file error in words; the JDK's own messages are often just the path again. */
  static String describe(IOException e) {
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
}
