package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suppressions, baselines and the markdown report, through the command line. */
class GateScanTest {
  private static final String BROKEN = "examples/seed-broken.json";
  private static final String COMPLIANT = "examples/seed-compliant.json";
  private static final String PUBLIC = "examples/taskdef-public-image.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeEach
  void fixToday() {
    GateOptions.clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
  }

  @AfterEach
  void realToday() {
    GateOptions.clock = Clock.systemUTC();
  }

  @Test
  void baselineRoundTripReportsOnlyTheNewProblem() throws Exception {
    Path baseline = dir.resolve("baseline.json");
    CliRun written = CliRun.of("scan", "--snapshot", BROKEN, "--write-baseline", baseline.toString());
    assertThat(written.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(JSON.readTree(baseline.toFile()).path("findings")).as("one entry per root cause").hasSize(17);

    CliRun rescan = CliRun.of("scan", "--snapshot", BROKEN, "--baseline", baseline.toString(), "--format", "json");
    assertThat(rescan.exitCode()).isEqualTo(ExitCode.OK);
    JsonNode report = JSON.readTree(rescan.out());
    assertThat(report.path("findings")).isEmpty();
    assertThat(report.path("suppressed")).hasSize(17)
        .allSatisfy(s -> assertThat(s.path("kind").asText()).isEqualTo("baseline"));

    Path compliantBaseline = dir.resolve("compliant.json");
    CliRun.of("scan", "--snapshot", COMPLIANT, "--write-baseline", compliantBaseline.toString());
    CliRun withNewProblem = CliRun.of("scan", "--snapshot", COMPLIANT, "--task-definition", PUBLIC,
        "--baseline", compliantBaseline.toString(), "--format", "json");
    assertThat(withNewProblem.exitCode()).isEqualTo(ExitCode.FINDINGS);
    JsonNode findings = JSON.readTree(withNewProblem.out()).path("findings");
    assertThat(findings).singleElement().satisfies(f -> assertThat(f.path("ruleId").asText()).isEqualTo("PP008"));
  }

  @Test
  void aSuppressedFindingIsMarkedInSarifCountedInTextAndPassesTheGate() throws Exception {
    Path config = dir.resolve("pullpath.yml");
    Files.writeString(config, """
        suppressions:
          - rule: PP008
            resource: planned/httpd
            reason: "image moves to the cache in OPS-42"
            expires: 2026-12-31
        """);

    CliRun sarif = CliRun.of("scan", "--task-definition", PUBLIC, "--config", config.toString(), "--format", "sarif");
    CliRun text = CliRun.of("scan", "--task-definition", PUBLIC, "--config", config.toString(), "--color", "never");

    assertThat(sarif.exitCode()).isEqualTo(ExitCode.OK);
    JsonNode log = JSON.readTree(sarif.out());
    JsonNode suppressed = null;
    for (JsonNode r : log.at("/runs/0/results")) {
      if (r.path("ruleId").asText().equals("PP008")) {
        suppressed = r;
      }
    }
    assertThat(suppressed).isNotNull();
    assertThat(suppressed.at("/suppressions/0/kind").asText()).isEqualTo("external");
    assertThat(suppressed.at("/suppressions/0/justification").asText()).isEqualTo("image moves to the cache in OPS-42");
    try (InputStream in = getClass().getResourceAsStream("/sarif-schema-2.1.0.json")) {
      assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in).validate(log)).isEmpty();
    }
    assertThat(text.out()).contains("\nsuppressed\n  PP008 httpd:1 (planned/httpd): Container httpd pulls")
        .contains("[suppressed: image moves to the cache in OPS-42]")
        .containsPattern("11 notes; no problem blocks any of 1 workload; 1 suppressed\n$");
  }

  @Test
  void anExpiredSuppressionFailsTheGateAgainAndSaysSo() throws Exception {
    Path config = dir.resolve("pullpath.yml");
    Files.writeString(config, "suppressions:\n  - {rule: PP008, resource: 'httpd:*', reason: later, expires: 2026-11-30}\n");

    CliRun run = CliRun.of("scan", "--task-definition", PUBLIC, "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.err()).contains("suppression PP008 httpd:* (until 2026-11-30) expired on 2026-11-30; its findings "
        + "count again");
  }

  @Test
  void aBrokenConfigurationOrBaselineIsAUsageError() throws Exception {
    Path config = dir.resolve("bad.yml");
    Files.writeString(config, "suppressions:\n  - {rule: PP008, resource: x}\n");
    Path baseline = dir.resolve("bad.json");
    Files.writeString(baseline, "{\"findings\": []}");

    CliRun badConfig = CliRun.of("scan", "--snapshot", BROKEN, "--config", config.toString());
    CliRun badBaseline = CliRun.of("scan", "--snapshot", BROKEN, "--baseline", baseline.toString());

    assertThat(badConfig.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badConfig.err()).contains("'reason' is required");
    assertThat(badBaseline.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badBaseline.err()).contains("not a pullpath baseline");
  }

  @Test
  void markdownIsACompactTableWithEscapedValues() {
    CliRun run = CliRun.of("scan", "--task-definition", PUBLIC, "--format", "markdown");

    assertThat(run.out()).startsWith("## pullpath: 1 error, 0 warnings, 11 notes\n")
        .contains("| Severity | Rule | Workload | Resource | Finding |")
        .contains("| error | PP008 | planned/httpd | httpd:1 at examples/taskdef-public-image.json:11:16 |")
        .contains("<details><summary>Details and fixes</summary>");
  }
}
