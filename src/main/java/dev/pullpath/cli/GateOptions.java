package dev.pullpath.cli;

import dev.pullpath.check.ScanResult;
import dev.pullpath.gate.Baseline;
import dev.pullpath.gate.Gate;
import dev.pullpath.gate.GateConfig;
import dev.pullpath.gate.GateInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import picocli.CommandLine.Option;

/** The CI gate's memory: suppressions in {@code .pullpath.yml} and a baseline of known findings. */
final class GateOptions {
  /** Today for expiry dates; UTC so a gate gives the same answer on every runner. */
  static Clock clock = Clock.systemUTC();

  @Option(names = "--config", paramLabel = "FILE",
      description = "Suppressions file (default: .pullpath.yml in the working directory, if there is one).")
  Path config;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Report only findings not in this baseline (see --write-baseline); known ones are counted.")
  Path baseline;

  @Option(names = "--write-baseline", paramLabel = "FILE",
      description = "Write the findings of this scan as a baseline (docs/baseline.md), with the reports.")
  Path writeBaseline;

  /** Reads the files before the scan, so a broken one costs no AWS call. */
  Loaded load() {
    try {
      GateConfig gateConfig = null;
      if (config != null) {
        gateConfig = GateConfig.read(config, config.toString());
      } else if (Files.isRegularFile(Path.of(GateConfig.DEFAULT_FILE))) {
        gateConfig = GateConfig.read(Path.of(GateConfig.DEFAULT_FILE), GateConfig.DEFAULT_FILE);
      }
      return new Loaded(gateConfig, baseline == null ? null : Baseline.read(baseline, baseline.toString()));
    } catch (GateInputException e) {
      throw new UserInputException(e.getMessage());
    }
  }

  /** The files the gate reads, as they were when the scan started. */
  record Loaded(GateConfig config, Baseline baseline) {
    ScanResult apply(ScanResult result, PrintWriter err) {
      if (config == null && baseline == null) {
        return result;
      }
      Gate gate = Gate.apply(result, config, baseline, LocalDate.now(clock));
      gate.notes().forEach(note -> err.println("pullpath: " + note));
      err.flush();
      return gate.result();
    }
  }

  /** Adds the baseline to the files written with the reports, all or nothing. */
  void addBaseline(java.util.List<ScanResult> results, Map<Path, String> files) {
    if (writeBaseline != null) {
      files.put(writeBaseline, Baseline.write(results));
    }
  }
}
