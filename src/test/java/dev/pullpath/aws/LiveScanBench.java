package dev.pullpath.aws;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The live-scan benchmark (bench/live-scan.sh): a synthetic account of 200 services, 50 task-definition families
 * and 20 VPCs behind a local stub with a fixed latency per call that throttles above a request rate. It
 * prints the wall time, the calls, and the floor no scan can beat: the longest chain of dependent calls times
 * the latency, or the calls divided by the rate limit, whichever is larger. Not a test: timings depend on
 * the machine.
 */
public final class LiveScanBench {
  /** ListClusters, ListServices, DescribeServices, DescribeTaskDefinition, ListAttachedRolePolicies, GetPolicy, GetPolicyVersion. */
  static final int DEPENDENCY_LEVELS = 7;

  private LiveScanBench() {}

  public static void main(String[] args) throws Exception {
    int latency = intArg(args, 0, 50);
    int rate = intArg(args, 1, 20);
    List<Integer> concurrencies = args.length > 2
        ? List.of(args[2].split(",")).stream().map(Integer::parseInt).toList()
        : List.of(4, 8, 16);
    SyntheticAccountServer.Shape shape = new SyntheticAccountServer.Shape(200, 50, 20, 4, 10, 100, latency, rate);
    System.out.printf(Locale.ROOT, "synthetic account: %d services, %d families, %d VPCs, %d clusters, %d roles; "
        + "%d ms per call, throttling above %d requests/s%n", shape.services(), shape.families(), shape.vpcs(),
        shape.clusters(), shape.roles(), latency, rate);
    System.out.println("| concurrency | wall time | API calls | HTTP requests | throttled | floor | wall / floor |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int concurrency : concurrencies) {
      // A fresh stub per run, so each starts with a full token bucket as an idle account would.
      try (SyntheticAccountServer server = new SyntheticAccountServer(shape)) {
        LiveScanOptions options = new LiveScanOptions(SyntheticAccountServer.REGION, null, server.endpoint(), null,
            List.of(), List.of(), List.of(), 20, concurrency);
        CollectionResult result = new LiveCollector(LiveScanTestSupport.CREDENTIALS, null)
            .collect(options, ProgressListener.silent());
        if (result.snapshot().services().size() != shape.services() || !result.snapshot().unreadable().isEmpty()) {
          throw new IllegalStateException("incomplete scan: " + result.summary() + " " + result.snapshot().unreadable());
        }
        double levelsFloor = DEPENDENCY_LEVELS * latency / 1000.0;
        double rateFloor = rate > 0 ? (double) result.apiCalls() / rate : 0;
        double floor = Math.max(levelsFloor, rateFloor);
        Duration wall = result.elapsed();
        System.out.printf(Locale.ROOT, "| %d | %.2f s | %d | %d | %d | %.2f s (levels %.2f s, rate %.2f s) | %.2f |%n",
            concurrency, wall.toMillis() / 1000.0, result.apiCalls(), server.requests(), server.throttled(), floor,
            levelsFloor, rateFloor, wall.toMillis() / 1000.0 / floor);
      }
    }
  }

  private static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
