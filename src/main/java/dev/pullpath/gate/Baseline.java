package dev.pullpath.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pullpath.check.Finding;
import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Suppressed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings a team already knows, by fingerprint, so a gate fails only on new ones. The format is
 * documented in {@code docs/baseline.md}: {@code {"pullpathBaseline": 1, "findings": [{"fingerprint":
 * ..., "ruleId": ..., "workload": ..., "resource": ..., "message": ...}]}}; only {@code fingerprint}
 * decides, the rest is for the people reviewing the file.
 */
public record Baseline(String file, Set<String> fingerprints) {
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Baseline {
    fingerprints = Set.copyOf(fingerprints);
  }

  public static Baseline read(Path path, String shownAs) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(path));
    } catch (NoSuchFileException e) {
      throw new GateInputException(shownAs + ": no such file");
    } catch (JsonProcessingException e) {
      throw new GateInputException(shownAs + ": not JSON (line " + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw new GateInputException(shownAs + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || root.path("pullpathBaseline").asInt() != FORMAT_VERSION || !root.path("findings").isArray()) {
      throw new GateInputException(shownAs + ": not a pullpath baseline (write one with --write-baseline)");
    }
    Set<String> fingerprints = new LinkedHashSet<>();
    for (JsonNode entry : root.path("findings")) {
      String fingerprint = entry.path("fingerprint").asText("");
      if (!fingerprint.matches("[0-9a-f]{32}")) {
        throw new GateInputException(shownAs + ": '" + fingerprint + "' is not a finding fingerprint");
      }
      fingerprints.add(fingerprint);
    }
    return new Baseline(shownAs, fingerprints);
  }

  /**
   * A baseline of everything the result reports as a problem: its findings and those already in a
   * baseline (so rewriting one keeps them), not PP000 (a rule that did not run is no known problem) and not
   * what {@code .pullpath.yml} suppresses (that file already records the decision).
   */
  public static String write(ScanResult result) {
    return write(List.of(result));
  }

  /** One baseline for several account/region pairs: fingerprints name the resource, so they do not clash. */
  public static String write(List<ScanResult> results) {
    List<Finding> known = new ArrayList<>();
    for (ScanResult result : results) {
      known.addAll(result.findings());
      result.suppressed(Suppressed.Kind.BASELINE).forEach(s -> known.add(s.finding()));
    }
    known.removeIf(f -> f.ruleId().equals(NotEvaluated.DESCRIPTOR.id()));
    known.sort(Comparator.comparing(Finding::fingerprint));
    List<Entry> entries = known.stream()
        .map(f -> new Entry(f.fingerprint(), f.ruleId(), f.workloads(), f.resource().id(), f.message()))
        .distinct()
        .toList();
    try {
      return JSON.writeValueAsString(new File(FORMAT_VERSION, entries)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record File(int pullpathBaseline, List<Entry> findings) {}

  private record Entry(String fingerprint, String ruleId, List<String> workloads, String resource, String message) {}
}
