package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The committed sample reports in {@code reports/} must be what the current code produces. */
class SampleReportsTest {

  @ParameterizedTest(name = "reports/{0}.{2}")
  @CsvSource({
    "seed-broken, text, txt", "seed-broken, json, json", "seed-broken, sarif, sarif", "seed-broken, html, html",
    "seed-compliant, text, txt", "seed-compliant, json, json", "seed-compliant, sarif, sarif",
    "seed-compliant, html, html"
  })
  void sampleReportIsUpToDate(String example, String format, String extension, @TempDir Path dir) throws Exception {
    Path fresh = dir.resolve(example + "." + extension);

    CliRun run = CliRun.of("scan", "--snapshot", "examples/" + example + ".json", "--fail-on", "never",
        "--color", "never", "--format", format, "--output", fresh.toString());

    assertThat(run.exitCode()).isZero();
    Path committed = Path.of("reports", example + "." + extension);
    assertThat(Files.readString(fresh))
        .as("%s is stale: run 'mvn -B -q package -DskipTests && reports/regenerate.sh'", committed)
        .isEqualTo(Files.readString(committed));
  }
}
