package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several account/region pairs in one run (several snapshots) and in one report (merge of shards). */
class EstateReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BROKEN_ACCOUNT = "111122223333";

  /** The broken example as if it were another account: same faults, other ids. */
  private static Path brokenAccount(Path dir, String accountId) throws IOException {
    String text = Files.readString(Path.of("examples/seed-broken.json")).replace(BROKEN_ACCOUNT, accountId);
    Path file = dir.resolve(accountId + ".json");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void severalSnapshotsGiveOneReportWithAPairSummaryFirstAndOneSarifRunPerPair(@TempDir Path dir) throws Exception {
    Path a = brokenAccount(dir, "777788889999");
    Path b = Path.of("examples/seed-compliant.json");
    Path sarif = dir.resolve("estate.sarif");
    Path json = dir.resolve("estate.json");

    CliRun run = CliRun.of("scan", "--snapshot", a.toString(), b.toString(), "--format", "text",
        "--format", "sarif", "--output", sarif.toString(), "--format", "json", "--output", json.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out()).startsWith("pullpath 0.1.0 scan of 2 account/region pairs\n")
        .containsPattern("777788889999 +ap-northeast-1 +blocked")
        .containsPattern("111122223333 +ap-northeast-1 +ok")
        .contains("scan of account 777788889999 in ap-northeast-1", "(source: examples/seed-compliant.json)");
    assertThat(run.out().split("Not checked:", -1)).as("what pullpath cannot see, said once").hasSize(2);
    JsonNode runs = JSON.readTree(sarif.toFile()).path("runs");
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).at("/automationDetails/id").asText()).isEqualTo("pullpath/777788889999/ap-northeast-1/");
    assertThat(runs.get(0).at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo(a.toString().replace('\\', '/').replaceFirst("^/", "file:///"));
    assertThat(runs.get(1).at("/automationDetails/id").asText()).isEqualTo("pullpath/111122223333/ap-northeast-1/");
    JsonNode estate = JSON.readTree(json.toFile());
    assertThat(estate.path("scans")).hasSize(2);
    assertThat(estate.at("/summary/pairs").asInt()).isEqualTo(2);
    assertThat(estate.at("/summary/problems").asLong())
        .isEqualTo(estate.at("/scans/0/summary/problems").asLong() + estate.at("/scans/1/summary/problems").asLong());
  }

  @Test
  void twoSnapshotsOfOnePairAreRefused(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("copy.json");
    Files.copy(Path.of("examples/seed-broken.json"), copy);

    CliRun run = CliRun.of("scan", "--snapshot", "examples/seed-broken.json", copy.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("are both account 111122223333 in ap-northeast-1").doesNotContain("Exception");
  }

  @Test
  void moreThanTwentyPairsWriteOneSarifFilePerPairIntoADirectory(@TempDir Path dir) throws Exception {
    List<String> args = new ArrayList<>(List.of("scan", "--fail-on", "never", "--snapshot"));
    for (int i = 0; i < 21; i++) {
      args.add(brokenAccount(dir, String.format("%012d", 100_000_000_000L + i)).toString());
    }
    Path sarifDir = dir.resolve("sarif");
    List<String> toFile = new ArrayList<>(args);
    toFile.addAll(List.of("--format", "sarif", "--output", dir.resolve("one.sarif").toString()));
    Files.writeString(dir.resolve("one.sarif"), "old");

    CliRun refused = CliRun.of(toFile.toArray(String[]::new));
    assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(refused.err()).contains("21 account/region pairs are more than the 20 runs");

    args.addAll(List.of("--format", "sarif", "--output", sarifDir.toString()));
    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    try (Stream<Path> files = Files.list(sarifDir)) {
      List<Path> written = files.toList();
      assertThat(written).hasSize(21).allSatisfy(f -> assertThat(JSON.readTree(f.toFile()).path("runs")).hasSize(1));
    }
    assertThat(sarifDir.resolve("100000000000-ap-northeast-1.sarif")).exists();
  }

  @Test
  void mergeOfShardReportsEqualsOneRunOverAllSnapshots(@TempDir Path dir) throws Exception {
    Path a = brokenAccount(dir, "111122223333");
    Path b = brokenAccount(dir, "444455556666");
    Path reportA = dir.resolve("a.json");
    Path reportB = dir.resolve("b.json");
    CliRun.of("scan", "--snapshot", a.toString(), "--format", "json", "--output", reportA.toString());
    CliRun.of("scan", "--snapshot", b.toString(), "--format", "json", "--output", reportB.toString());
    CliRun together = CliRun.of("scan", "--snapshot", a.toString(), b.toString(), "--format", "json");

    CliRun merged = CliRun.of("merge", reportA.toString(), reportB.toString(), "--format", "json");

    assertThat(merged.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(JSON.readTree(merged.out())).isEqualTo(JSON.readTree(together.out()));
    CliRun html = CliRun.of("merge", reportA.toString(), reportB.toString(), "--format", "html");
    assertThat(html.out()).contains("<th>Account</th>", "<code>444455556666</code>");
  }

  @Test
  void mergeRefusesWhatIsNotAReportInOneLine(@TempDir Path dir) throws Exception {
    Path garbage = dir.resolve("garbage.json");
    Files.writeString(garbage, "{\"tool\": ");
    Path sarif = dir.resolve("x.sarif");
    Files.writeString(sarif, "{\"version\": \"2.1.0\"}");

    CliRun notJson = CliRun.of("merge", garbage.toString());
    CliRun notReport = CliRun.of("merge", sarif.toString());
    CliRun twice = CliRun.of("merge", "reports/seed-broken.json", "reports/seed-broken.json");

    assertThat(notJson.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(notJson.err()).startsWith("pullpath: " + garbage + ": not JSON").hasLineCount(1);
    assertThat(notReport.err()).contains("not a pullpath JSON report").hasLineCount(1);
    assertThat(twice.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(twice.err()).contains("merge each account/region pair once");
  }
}
