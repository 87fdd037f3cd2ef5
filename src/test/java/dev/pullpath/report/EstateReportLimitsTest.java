package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SyntheticSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reports of large generated accounts stay inside what their readers accept: GitHub code scanning's
 * published SARIF upload limits (docs.github.com, "SARIF support for code scanning", limits section) on a
 * 10,000-service snapshot, and the size budget for the HTML report of 1,000 services. Sizes and
 * counts only: speed is measured by bench/offline-scale.sh, not asserted here.
 *
 * <p>Each snapshot is generated and scanned once for the class; the SARIF is read with a streaming parser
 * so the test does not hold a tree of a 50 MB document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EstateReportLimitsTest {
  /** Code scanning rejects a file with more runs. */
  private static final int MAX_RUNS_PER_FILE = 20;
  /** Code scanning rejects a run with more results (and shows only the top 5,000). */
  private static final int MAX_RESULTS_PER_RUN = 25_000;
  /** Code scanning rejects a result with more locations (locations and related locations together). */
  private static final int MAX_LOCATIONS_PER_RESULT = 1_000;
  /** Code scanning rejects an upload larger than 10 MB gzip-compressed (decimal megabytes: the stricter reading). */
  private static final long MAX_GZIPPED_SARIF_BYTES = 10_000_000L;
  /** The budget for a 1,000-service HTML report: 3 MB, in decimal megabytes (the stricter reading). */
  private static final long MAX_HTML_BYTES = 3_000_000L;

  private static final String FILE = "synthetic.json";
  private static final ReportOptions OPTIONS = ReportOptions.plain("0.1.0");

  private String sarifOf10000;
  private ScanResult scanOf10000;
  private String htmlOf1000;

  @BeforeAll
  void scanTheSnapshots() {
    ScanReport large = scan(10_000);
    scanOf10000 = large.result();
    sarifOf10000 = ReportFormat.SARIF.renderer().render(List.of(large), OPTIONS);
    htmlOf1000 = ReportFormat.HTML.renderer().render(List.of(scan(1_000)), OPTIONS);
  }

  private static ScanReport scan(int services) {
    String text = SyntheticSnapshot.json(services);
    ScanResult result = new Scanner(RuleRegistry.loadInstalled().all())
        .scan(SnapshotJson.parse(text, FILE), FILE, Severity.NOTE);
    return new ScanReport(result, text);
  }

  @Test
  void theSarifOf10000ServicesStaysInsideCodeScanningLimits() throws IOException {
    SarifShape shape = SarifShape.of(sarifOf10000);

    assertThat(shape.runs()).isBetween(1, MAX_RUNS_PER_FILE);
    assertThat(shape.resultsPerRun()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(MAX_RESULTS_PER_RUN));
    assertThat(shape.mostLocationsInOneResult()).isLessThanOrEqualTo(MAX_LOCATIONS_PER_RESULT);
    assertThat(gzippedSize(sarifOf10000)).isLessThan(MAX_GZIPPED_SARIF_BYTES);
  }

  @Test
  void theSarifOf10000ServicesHasEveryFindingAndTheWorkloadsItBlocks() throws IOException {
    SarifShape shape = SarifShape.of(sarifOf10000);

    // The limits above are met by the output itself, not by dropping results: one per root cause.
    assertThat(shape.resultsPerRun()).containsExactly(scanOf10000.findings().size());
    assertThat(scanOf10000.workloads()).hasSize(10_000);
    // The generator puts 20 services in a VPC, so a VPC-wide result lists them as related locations.
    assertThat(shape.mostLocationsInOneResult()).isGreaterThan(20);
  }

  @Test
  void theHtmlReportOf1000ServicesStaysUnderItsBudget() {
    assertThat(htmlOf1000).contains("1,000 workloads");
    assertThat((long) htmlOf1000.getBytes(StandardCharsets.UTF_8).length).isLessThan(MAX_HTML_BYTES);
  }

  private static long gzippedSize(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.size();
  }

  /**
   * What the limits count, read in one streaming pass: runs, results per run, and the largest number of
   * locations plus related locations of one result.
   */
  private record SarifShape(int runs, List<Integer> resultsPerRun, int mostLocationsInOneResult) {
    static SarifShape of(String sarif) throws IOException {
      List<Integer> results = new ArrayList<>();
      int mostLocations = 0;
      try (JsonParser parser = new JsonFactory().createParser(sarif)) {
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if (!field.equals("runs")) {
            parser.skipChildren();
            continue;
          }
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            int[] run = readRun(parser);
            results.add(run[0]);
            mostLocations = Math.max(mostLocations, run[1]);
          }
        }
      }
      return new SarifShape(results.size(), results, mostLocations);
    }

    /** One run's {results, most locations of a result}; the parser is left at the run's END_OBJECT. */
    private static int[] readRun(JsonParser parser) throws IOException {
      int results = 0;
      int mostLocations = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (!field.equals("results")) {
          parser.skipChildren();
          continue;
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          results++;
          int locations = 0;
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ((name.equals("locations") || name.equals("relatedLocations")) && value == JsonToken.START_ARRAY) {
              while (parser.nextToken() != JsonToken.END_ARRAY) {
                locations++;
                parser.skipChildren();
              }
            } else {
              parser.skipChildren();
            }
          }
          mostLocations = Math.max(mostLocations, locations);
        }
      }
      return new int[] {results, mostLocations};
    }

    private static void expect(JsonToken actual, JsonToken expected) {
      if (actual != expected) {
        throw new IllegalStateException("SARIF starts with " + actual + ", expected " + expected);
      }
    }
  }
}
