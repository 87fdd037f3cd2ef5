package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  private static final String BROKEN = "examples/seed-broken.json";
  private static final String COMPLIANT = "examples/seed-compliant.json";

  @Test
  void brokenExampleFailsEveryRuleAndExitsOne() throws Exception {
    CliRun run = CliRun.of("scan", "--snapshot", BROKEN, "--format", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    JsonNode findings = new ObjectMapper().readTree(run.out()).path("findings");
    List<String> failed = new ArrayList<>();
    findings.forEach(f -> failed.add(f.path("ruleId").asText()));
    RuleRegistry.loadInstalled().descriptors()
        .forEach(rule -> assertThat(failed).as(rule.id()).contains(rule.id()));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void compliantExampleExitsZeroWithoutErrorsOrWarnings() throws Exception {
    CliRun run = CliRun.of("scan", "--snapshot", COMPLIANT, "--format", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    JsonNode summary = new ObjectMapper().readTree(run.out()).path("summary");
    assertThat(summary.path("error").asInt()).isZero();
    assertThat(summary.path("warning").asInt()).isZero();
  }

  @Test
  void failOnAndMinSeverityMoveTheGate() throws Exception {
    assertThat(CliRun.of("scan", "--snapshot", COMPLIANT, "--fail-on", "note").exitCode()).isEqualTo(ExitCode.OK);
    assertThat(CliRun.of("scan", "--snapshot", BROKEN, "--fail-on", "note").exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(CliRun.of("scan", "--snapshot", BROKEN, "--fail-on", "never").exitCode()).isEqualTo(ExitCode.OK);

    CliRun errorsOnly = CliRun.of("scan", "--snapshot", BROKEN, "--min-severity", "error", "--format", "json");
    JsonNode findings = new ObjectMapper().readTree(errorsOnly.out()).path("findings");
    assertThat(findings).isNotEmpty().allSatisfy(f -> assertThat(f.path("severity").asText()).isEqualTo("error"));
  }

  @Test
  void ruleSelectionRunsOnlyTheNamedRules() throws Exception {
    CliRun run = CliRun.of("scan", "--snapshot", BROKEN, "--rules", "PP003,PP011", "--exclude-rules", "PP011",
        "--format", "json");
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.path("findings")).isNotEmpty()
        .allSatisfy(f -> assertThat(f.path("ruleId").asText()).isEqualTo("PP003"));
  }

  @Test
  void severalReportsInOneRun(@TempDir Path dir) throws Exception {
    Path sarif = dir.resolve("out/pullpath.sarif");
    Path html = dir.resolve("out/report.html");

    CliRun run = CliRun.of("scan", "--snapshot", BROKEN, "--format", "sarif", "--output", sarif.toString(),
        "--format", "html", "--output", html.toString(), "--format", "text");

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(new ObjectMapper().readTree(sarif.toFile()).path("version").asText()).isEqualTo("2.1.0");
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
    assertThat(run.out()).contains("PP003");
  }

  @Test
  void malformedSnapshotIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    String text = Files.readString(Path.of(BROKEN));
    Files.writeString(bad, text.substring(0, text.length() / 2));
    Path report = dir.resolve("report.sarif");

    CliRun run = CliRun.of("scan", "--snapshot", bad.toString(), "--format", "sarif", "--output", report.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("pullpath: " + bad).contains("$.").contains("line ");
    assertThat(report).doesNotExist();
  }

  @Test
  void missingRequiredFieldNamesFileAndPath(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("missing.json");
    Files.writeString(bad, "{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\",\"vpcs\":[{\"vpcId\":\"vpc-1\"}]}");

    CliRun run = CliRun.of("scan", "--snapshot", bad.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err().strip()).isEqualTo("pullpath: " + bad + ": $.vpcs[0].enableDnsSupport: required field is missing");
  }

  @Test
  void userMistakesAreOneLineWithExitTwo(@TempDir Path dir) {
    Path report = dir.resolve("r.html");
    CliRun unknownRule = CliRun.of("scan", "--snapshot", BROKEN, "--rules", "PP099", "--format", "html", "--output",
        report.toString());
    assertThat(unknownRule.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(unknownRule.err()).startsWith("pullpath: unknown rule id 'PP099' (known: PP001");
    assertThat(unknownRule.err().lines()).hasSize(1);
    assertThat(report).doesNotExist();

    CliRun badFormat = CliRun.of("scan", "--snapshot", BROKEN, "--format", "pdf");
    assertThat(badFormat.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badFormat.err()).contains("--format").doesNotContain("Exception");

    CliRun badSeverity = CliRun.of("scan", "--snapshot", BROKEN, "--fail-on", "critical");
    assertThat(badSeverity.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badSeverity.err()).contains("--fail-on").contains("critical");

    CliRun nothingToScan = CliRun.of("scan");
    assertThat(nothingToScan.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(nothingToScan.err()).contains("--snapshot");

    CliRun unknownOption = CliRun.of("scan", "--snapshto", BROKEN);
    assertThat(unknownOption.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(unknownOption.err()).contains("Unknown option").contains("--help");

    CliRun missingFile = CliRun.of("scan", "--snapshot", dir.resolve("none.json").toString());
    assertThat(missingFile.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missingFile.err()).contains("no such file");
  }

  @Test
  void colourOnlyWhereAsked(@TempDir Path dir) throws Exception {
    assertThat(CliRun.of("scan", "--snapshot", BROKEN, "--color", "always").out()).contains("\u001b[");
    assertThat(CliRun.of("scan", "--snapshot", BROKEN, "--color", "never").out()).doesNotContain("\u001b[");
    // Not a terminal in tests, so auto means no colour.
    assertThat(CliRun.of("scan", "--snapshot", BROKEN).out()).doesNotContain("\u001b[");
    Path file = dir.resolve("report.txt");
    CliRun.of("scan", "--snapshot", BROKEN, "--color", "always", "--format", "text", "--output", file.toString());
    assertThat(Files.readString(file)).doesNotContain("\u001b[");

    CliRun bad = CliRun.of("scan", "--snapshot", BROKEN, "--color", "rainbow");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("--color");
  }

  /** The compliant example as a live scan without ec2:DescribeVpcEndpoints would have saved it. */
  private static Path compliantWithoutEndpoints(Path dir) throws Exception {
    String compliant = Files.readString(Path.of(COMPLIANT));
    Path partial = dir.resolve("partial.json");
    Files.writeString(partial, compliant.replaceFirst("\\{", "{\"unreadable\":[{\"part\":\"vpcEndpoints\","
        + "\"action\":\"ec2:DescribeVpcEndpoints\",\"reason\":\"UnauthorizedOperation\"}],"));
    return partial;
  }

  @Test
  void unreadablePartsMakeAnIncompleteAuditExitThree(@TempDir Path dir) throws Exception {
    Path partial = compliantWithoutEndpoints(dir);

    CliRun run = CliRun.of("scan", "--snapshot", partial.toString(), "--format", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCode.AWS_ACCESS);
    assertThat(CliRun.of("scan", "--snapshot", partial.toString()).out())
        .containsPattern("PP001 ecr-api-endpoint +not evaluated in part")
        .doesNotContainPattern("PP001 ecr-api-endpoint +PASS");
    JsonNode findings = new ObjectMapper().readTree(run.out()).path("findings");
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.path("ruleId").asText()).isEqualTo("PP000");
      assertThat(f.path("message").asText()).contains("missing permission `ec2:DescribeVpcEndpoints`");
    });
  }

  @Test
  void reportsAreAllOrNothing(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.json");
    Path blocker = dir.resolve("a-file");
    Files.writeString(blocker, "not a directory");
    Path impossible = blocker.resolve("report.sarif");

    CliRun run = CliRun.of("scan", "--snapshot", BROKEN, "--format", "json", "--output", good.toString(),
        "--format", "sarif", "--output", impossible.toString(), "--format", "text");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err().strip())
        .isEqualTo("pullpath: cannot write " + impossible + ": a part of the path is a file, not a directory");
    assertThat(good).doesNotExist();
    assertThat(run.out()).isEmpty();
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(blocker);
    }
  }

  @Test
  void clashingTargetsAreRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("r.json");
    CliRun twice = CliRun.of("scan", "--snapshot", BROKEN, "--format", "json", "--output", report.toString(),
        "--format", "sarif", "--output", dir.resolve(".").resolve("r.json").toString());
    assertThat(twice.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(twice.err()).contains("is given twice as an output");
    assertThat(report).doesNotExist();

    Path input = dir.resolve("in.json");
    Files.copy(Path.of(BROKEN), input);
    CliRun overInput = CliRun.of("scan", "--snapshot", input.toString(), "--format", "json", "--output",
        input.toString());
    assertThat(overInput.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(overInput.err()).contains("is the snapshot being scanned");
    assertThat(Files.readString(input)).isEqualTo(Files.readString(Path.of(BROKEN)));

    CliRun twoOnStdout = CliRun.of("scan", "--snapshot", BROKEN, "--format", "json", "--format", "sarif");
    assertThat(twoOnStdout.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(twoOnStdout.err()).contains("only one report can go to standard output");
    assertThat(twoOnStdout.out()).isEmpty();

    CliRun noRule = CliRun.of("scan", "--snapshot", BROKEN, "--rules", "PP003", "--exclude-rules", "PP003");
    assertThat(noRule.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noRule.err()).contains("leave no rule to run");
  }

  @Test
  void aRuleWhoseFindingsAreFilteredOutIsNotShownAsPassed() {
    CliRun run = CliRun.of("scan", "--snapshot", BROKEN, "--min-severity", "error");
    assertThat(run.out()).containsPattern("PP002 ecr-dkr-endpoint +1 warning below --min-severity");
    assertThat(run.out()).doesNotContainPattern("PP002 ecr-dkr-endpoint +PASS");
  }

  @Test
  void theGateMayNotBeStricterThanTheReport() {
    CliRun run = CliRun.of("scan", "--snapshot", BROKEN, "--min-severity", "error", "--fail-on", "warning");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--fail-on warning is below --min-severity error");
  }

  @Test
  void anIncompleteAuditMattersOnlyForTheRulesThatNeedTheMissingPart(@TempDir Path dir) throws Exception {
    Path partial = compliantWithoutEndpoints(dir);

    assertThat(CliRun.of("scan", "--snapshot", partial.toString(), "--rules", "PP011").exitCode())
        .isEqualTo(ExitCode.OK);
    CliRun hidden = CliRun.of("scan", "--snapshot", partial.toString(), "--min-severity", "error");
    assertThat(hidden.exitCode()).isEqualTo(ExitCode.AWS_ACCESS);
    assertThat(hidden.err()).contains("incomplete scan");
  }

  @Test
  void savesTheScannedSnapshot(@TempDir Path dir) throws Exception {
    Path saved = dir.resolve("saved.json");
    CliRun.of("scan", "--snapshot", COMPLIANT, "--save-snapshot", saved.toString());
    assertThat(SnapshotJson.read(saved)).isEqualTo(SnapshotJson.read(Path.of(COMPLIANT)));
  }

  @Test
  void aWorkloadWhoseTaskDefinitionIsMissingIsNotEvaluatedNotClean(@TempDir Path dir) throws Exception {
    Path snapshot = dir.resolve("unknown-revision.json");
    // The first occurrence is the service's reference; the task definition itself stays httpd:1.
    Files.writeString(snapshot, Files.readString(Path.of(COMPLIANT)).replaceFirst(
        java.util.regex.Pattern.quote("arn:aws:ecs:ap-northeast-1:111122223333:task-definition/httpd:1"), "httpd:2"));
    assertThat(SnapshotJson.read(snapshot).services().get(0).taskDefinitionArn()).isEqualTo("httpd:2");

    CliRun run = CliRun.of("scan", "--snapshot", snapshot.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.AWS_ACCESS);
    assertThat(run.out()).contains("not in the snapshot: task definition httpd:2")
        .doesNotContain("no findings").doesNotContainPattern("httpd-service +ok")
        .contains("0 errors, 1 warning, 0 notes; no problem blocks any of 1 workload")
        .containsPattern("PP007 execution-role-pull-permissions +not evaluated in part \\(see PP000\\)")
        .doesNotContainPattern("PP007 execution-role-pull-permissions +PASS")
        .containsPattern("PP011 vpc-dns +PASS");
    assertThat(CliRun.of("scan", "--snapshot", snapshot.toString(), "--format", "html").out())
        .containsPattern("PP007 execution-role-pull-permissions</td><td>[^<]*</td><td>not evaluated in part");
    assertThat(run.err()).contains("incomplete scan");
  }

  @Test
  void docsUrlLinksRulePagesAndIsValidated(@TempDir Path dir) throws Exception {
    Path sarif = dir.resolve("r.sarif");
    CliRun plain = CliRun.of("scan", "--snapshot", BROKEN, "--format", "sarif", "--output", sarif.toString());
    assertThat(plain.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(Files.readString(sarif)).doesNotContain("helpUri").doesNotContain("github.com/pullpath");

    CliRun linked = CliRun.of("scan", "--snapshot", BROKEN, "--docs-url", "https://docs.example.com/pullpath/rules/",
        "--format", "json");
    assertThat(new ObjectMapper().readTree(linked.out()).at("/rules/1/helpUri").asText())
        .startsWith("https://docs.example.com/pullpath/rules/PP").endsWith(".md");

    for (String bad : List.of("docs.example.com/rules", "ftp://example.com/", "https://", "https://x/a b")) {
      CliRun run = CliRun.of("scan", "--snapshot", BROKEN, "--docs-url", bad);
      assertThat(run.exitCode()).as(bad).isEqualTo(ExitCode.USAGE);
      assertThat(run.err().lines()).as(bad).hasSize(1);
      assertThat(run.err()).startsWith("pullpath: --docs-url: ");
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void aSnapshotWithAByteOrderMarkIsScanned(@TempDir Path dir) throws Exception {
    Path withBom = dir.resolve("bom.json");
    Files.writeString(withBom, "\uFEFF" + Files.readString(Path.of(BROKEN)));

    CliRun run = CliRun.of("scan", "--snapshot", withBom.toString(), "--format", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(run.out()).path("findings")).isNotEmpty()
        .isEqualTo(json.readTree(CliRun.of("scan", "--snapshot", BROKEN, "--format", "json").out()).path("findings"));
  }
}
