package dev.pullpath.report;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.RuleDocs;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.SourcePosition;
import dev.pullpath.check.Suppressed;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
 *
 * <p>Every result is located in the scanned snapshot file, at the line that names the resource, because
 * code scanning only shows results that sit in a file. A live scan has no file; its {@code aws://}
 * source becomes a relative path so the results still upload (GitHub rejects non-file URIs).
 */
final class SarifRenderer implements Renderer {
  private static final List<String> TAGS = List.of("aws", "ecs", "ecr");
  /** The rules decide from collected configuration, not heuristics, so false positives are rare. */
  private static final String PRECISION = "very-high";
  /** SemVer 2.0.0, which {@code semanticVersion} must follow; other version strings are left out. */
  private static final Pattern SEMVER =
      Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
  private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
  private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:/.*");
  /** GitHub code scanning's published limit of locations per result. */
  static final int MAX_LOCATIONS_PER_RESULT = 1000;
  private static final int MAX_RUNS_PER_FILE = ReportFormat.SARIF_RUNS_PER_FILE;
  /** One of those locations is the result's own. */
  static final int MAX_RELATED_LOCATIONS = MAX_LOCATIONS_PER_RESULT - 1;

  @Override
  public String render(ScanResult result, ReportOptions options) {
    return JsonOutput.withoutNulls(new SarifLog(SarifLog.SCHEMA_URI, SarifLog.VERSION, List.of(run(result, options))));
  }

  /**
   * One run per account/region pair, each with its own {@code automationDetails.id}, so code scanning
   * keeps each pair's alerts apart. GitHub takes at most {@value #MAX_RUNS_PER_FILE} runs per file: more
   * pairs need one file each, which the CLI writes into a directory.
   */
  @Override
  public String renderEstate(List<ScanReport> scans, ReportOptions options) {
    if (scans.size() > MAX_RUNS_PER_FILE) {
      throw new IllegalArgumentException(scans.size() + " runs exceed code scanning's " + MAX_RUNS_PER_FILE
          + " runs per SARIF file; write one file per account/region pair");
    }
    List<SarifLog.Run> runs = new ArrayList<>();
    for (ScanReport scan : scans) {
      runs.add(run(scan.result(), options.withSource(scan.sourceText(), scan.sourceFile())));
    }
    return JsonOutput.withoutNulls(new SarifLog(SarifLog.SCHEMA_URI, SarifLog.VERSION, runs));
  }

  private static SarifLog.Run run(ScanResult result, ReportOptions options) {
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (int i = 0; i < result.rules().size(); i++) {
      ruleIndex.putIfAbsent(result.rules().get(i).id(), i);
    }
    SourceLines lines = new SourceLines(options.sourceText());
    String uri = artifactUri(options.sourceFile() != null ? options.sourceFile() : result.source());
    List<SarifLog.Result> results = new java.util.ArrayList<>(
        result.findings().stream().map(f -> result(f, ruleIndex.get(f.ruleId()), uri, lines)).toList());
    // Suppressed in .pullpath.yml: still a result, marked so code scanning shows it dismissed. Findings in
    // the baseline are left out: the run reports only what is new.
    for (Suppressed s : result.suppressed(Suppressed.Kind.CONFIGURATION)) {
      SarifLog.Result r = result(s.finding(), ruleIndex.get(s.finding().ruleId()), uri, lines);
      results.add(new SarifLog.Result(r.ruleId(), r.ruleIndex(), r.level(), r.message(), r.locations(),
          r.relatedLocations(), r.partialFingerprints(), r.properties(), r.fixes(),
          List.of(new SarifLog.Suppression("external", "accepted", s.justification()))));
    }

    String version = options.toolVersion();
    SarifLog.Driver driver =
        new SarifLog.Driver(
            TOOL_NAME,
            version,
            SEMVER.matcher(version).matches() ? version : null,
            // Only a page that exists: where --docs-url says the rule pages are published.
            options.docsUrl() == null ? null : options.docsUrl().site(),
            result.rules().stream().map(r -> rule(r, options)).toList());
    return new SarifLog.Run(
        new SarifLog.Tool(driver),
        new SarifLog.AutomationDetails(automationId(result)),
        "utf16CodeUnits",
        results,
        Map.of(BlindSpots.FIELD, BlindSpots.PARAGRAPH));
  }

  /** {@code pullpath/ACCOUNT/REGION/}: the category is the pair, so each pair keeps its own alerts. */
  static String automationId(ScanResult result) {
    return TOOL_NAME + "/" + result.accountId() + "/" + result.region() + "/";
  }

  private static SarifLog.Rule rule(RuleDescriptor rule, ReportOptions options) {
    // The rule's page is embedded; without it the summary stands in. helpUri only when --docs-url says
    // where the pages are published: a link to a page that does not exist is worse than none.
    Optional<String> uri = options.ruleUri(rule.id());
    String markdown = RuleDocs.markdown(rule.id())
        .orElse(rule.summary() + uri.map(u -> "\n\n[" + rule.id() + " documentation](" + u + ")").orElse(""));
    return new SarifLog.Rule(
        rule.id(),
        rule.name(),
        new SarifLog.Message(rule.title()),
        new SarifLog.Message(rule.summary()),
        new SarifLog.Help(rule.summary() + uri.map(u -> " See " + u).orElse(""), markdown),
        uri.orElse(null),
        new SarifLog.Configuration(rule.defaultSeverity().sarifLevel()),
        new SarifLog.RuleProperties(TAGS, PRECISION, rule.defaultSeverity().securitySeverity()));
  }

  private static SarifLog.Result result(Finding finding, Integer ruleIndex, String uri, SourceLines lines) {
    SourcePosition position = finding.position();
    SarifLog.PhysicalLocation physical = position == null
        ? new SarifLog.PhysicalLocation(new SarifLog.ArtifactLocation(uri),
            new SarifLog.Region(lines.lineOf(finding.resource().id(), finding.resource().arn())))
        // A planned resource: the line of the offending value in the file the pull request changes.
        : new SarifLog.PhysicalLocation(new SarifLog.ArtifactLocation(artifactUri(position.file())), region(position));
    SarifLog.Location location =
        new SarifLog.Location(
            null,
            physical,
            logicalLocations(finding),
            null);
    return new SarifLog.Result(
        finding.ruleId(),
        ruleIndex,
        finding.severity().sarifLevel(),
        new SarifLog.Message(sentence(finding.message()) + blocksPhrase(finding) + " Fix: " + finding.fix().summary()),
        List.of(location),
        relatedLocations(finding, uri, lines),
        Map.of("primaryLocationLineHash", finding.fingerprint()),
        new SarifLog.ResultProperties(
            finding.workloads(),
            finding.workloads().size(),
            finding.resource().type(),
            finding.resource().arn(),
            finding.fix().cli(),
            finding.evidence()),
        fixes(finding),
        null);
  }

  /**
   * The AWS resource, and for a file generated from infrastructure code (a Terraform plan) the resource
   * address there, which is what a reviewer searches the configuration for.
   */
  private static List<SarifLog.LogicalLocation> logicalLocations(Finding finding) {
    SarifLog.LogicalLocation resource =
        new SarifLog.LogicalLocation(finding.resource().id(), finding.resource().arn(), "resource");
    SourcePosition position = finding.position();
    if (position == null || position.address() == null) {
      return List.of(resource);
    }
    return List.of(new SarifLog.LogicalLocation(position.address(), position.address(), "resource"), resource);
  }

  private static SarifLog.Region region(SourcePosition position) {
    return new SarifLog.Region(position.line(), position.column(), position.endLine(), position.endColumn());
  }

  /** The exact replacement of a planned value (an image URI), as a JSON string in place of the old one. */
  private static List<SarifLog.Fix> fixes(Finding finding) {
    SourcePosition position = finding.position();
    if (position == null || finding.anchor().replacement() == null) {
      return null;
    }
    String literal = "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(finding.anchor().replacement()))
        + "\"";
    return List.of(new SarifLog.Fix(new SarifLog.Message(finding.fix().summary()),
        List.of(new SarifLog.ArtifactChange(new SarifLog.ArtifactLocation(artifactUri(position.file())),
            List.of(new SarifLog.Replacement(region(position), new SarifLog.ArtifactContent(literal)))))));
  }

  /**
   * The blocked workloads as related locations, at the line naming each service. GitHub code scanning
   * takes at most {@value #MAX_LOCATIONS_PER_RESULT} locations per result, so the list stops there; the
   * result's {@code workloads} property keeps them all.
   */
  private static List<SarifLog.Location> relatedLocations(Finding finding, String uri, SourceLines lines) {
    if (finding.workloads().isEmpty()) {
      return null;
    }
    List<String> shown = finding.workloads().subList(0, Math.min(finding.workloads().size(), MAX_RELATED_LOCATIONS));
    List<SarifLog.Location> related = new ArrayList<>(shown.size());
    for (int i = 0; i < shown.size(); i++) {
      String workload = shown.get(i);
      String serviceName = workload.substring(workload.indexOf('/') + 1);
      related.add(new SarifLog.Location(
          i + 1,
          new SarifLog.PhysicalLocation(new SarifLog.ArtifactLocation(uri), new SarifLog.Region(lines.lineOf(serviceName))),
          List.of(new SarifLog.LogicalLocation(workload, workload, "service")),
          new SarifLog.Message("blocks " + workload)));
    }
    return related;
  }

  /** " It blocks 3 workloads." after the message, so the alert says how far the problem reaches. */
  private static String blocksPhrase(Finding finding) {
    int count = finding.workloads().size();
    if (count == 0) {
      return "";
    }
    String verb = finding.severity() == dev.pullpath.check.Severity.ERROR ? " It blocks " : " It affects ";
    return count == 1 ? verb + finding.workloads().get(0) + "." : verb + count + " workloads.";
  }

  /**
   * The scan source as a SARIF {@code artifactLocation.uri}: a relative path stays relative (resolved
   * against the repository root by code scanning), an absolute path becomes a {@code file:} URI, and a
   * live-scan source such as {@code aws://123456789012/eu-west-1} becomes the relative path
   * {@code aws/123456789012/eu-west-1}.
   */
  static String artifactUri(String source) {
    if (source == null || source.isBlank()) {
      return "snapshot.json";
    }
    String path = source.strip().replace('\\', '/');
    if (URI_SCHEME.matcher(path).find()) {
      if (path.regionMatches(true, 0, "file:", 0, 5)) {
        return path;
      }
      path = path.replaceFirst("://", "/");
    }
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    try {
      if (path.startsWith("/")) {
        return new URI("file", "", path, null).toASCIIString();
      }
      if (WINDOWS_DRIVE.matcher(path).matches()) {
        return new URI("file", "", "/" + path, null).toASCIIString();
      }
      String relative = new URI(null, null, path, null).toASCIIString();
      // "a:b/c" would read as scheme "a"; a leading "./" keeps such a path relative.
      int colon = relative.indexOf(':');
      int slash = relative.indexOf('/');
      return colon >= 0 && (slash < 0 || colon < slash) ? "./" + relative : relative;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("scan source is not a usable path: " + source, e);
    }
  }

  /** Messages are written without a final period; code scanning shows message and fix as one text. */
  static String sentence(String text) {
    return text.endsWith(".") ? text : text + ".";
  }
}
