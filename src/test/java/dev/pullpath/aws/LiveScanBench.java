package dev.pullpath.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live-scan benchmark (bench/live-scan.sh): synthetic accounts behind a local stub with a fixed latency
 * per call that throttles above a request rate (one token bucket per account). It prints the wall time, the
 * calls, and the floor no scan can beat: the longest chain of dependent calls times the latency, or the
 * calls charged to one account's bucket divided by the rate limit, whichever is larger. Not a test: timings
 * depend on the machine.
 *
 * <p>Cases: {@code 200} (200 services, 50 task-definition families, 20 VPCs, 4 clusters, 10 roles) at every
 * concurrency asked; {@code 1000} (1,000 services, 250 families, 50 VPCs, 8 clusters, 10 roles) and
 * {@code estate} (3 accounts x 2 regions of the 200-service shape, entered by AssumeRole, all six pairs
 * at once and then with the default 4 pairs at a time) at the default concurrency.
 */
public final class LiveScanBench {
  /** ListClusters, ListServices, DescribeServices, DescribeTaskDefinition, ListAttachedRolePolicies, GetPolicy, GetPolicyVersion. */
  static final int DEPENDENCY_LEVELS = 7;
  static final List<String> ESTATE_ACCOUNTS = List.of("111122223333", "444455556666", "777788889999");
  static final List<String> ESTATE_REGIONS = List.of("eu-west-1", "us-east-1");
  /** The CLI's default --parallel-pairs. */
  static final int DEFAULT_PARALLEL_PAIRS = 4;

  private LiveScanBench() {}

  public static void main(String[] args) throws Exception {
    int latency = intArg(args, 0, 50);
    int rate = intArg(args, 1, 20);
    List<Integer> concurrencies = args.length > 2
        ? List.of(args[2].split(",")).stream().map(Integer::parseInt).toList()
        : List.of(4, 8, 16);
    List<String> cases = args.length > 3 ? List.of(args[3].split(",")) : List.of("200", "1000", "estate");
    System.out.printf(Locale.ROOT, "%d ms per call, throttling above %d requests/s per account, %d cores%n",
        latency, rate, Runtime.getRuntime().availableProcessors());
    System.out.println("| case | concurrency | wall time | API calls | HTTP requests | throttled | floor | wall / floor |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (String name : cases) {
      switch (name) {
        case "200" -> {
          for (int concurrency : concurrencies) {
            single("200 services", new SyntheticAccountServer.Shape(200, 50, 20, 4, 10, 100, latency, rate), concurrency);
          }
        }
        case "1000" -> single("1,000 services",
            new SyntheticAccountServer.Shape(1000, 250, 50, 8, 10, 100, latency, rate), LiveScanOptions.DEFAULT_CONCURRENCY);
        case "estate" -> {
          SyntheticAccountServer.Shape shape = new SyntheticAccountServer.Shape(200, 50, 20, 4, 10, 100, latency, rate);
          int pairs = ESTATE_ACCOUNTS.size() * ESTATE_REGIONS.size();
          estate(shape, pairs);
          estate(shape, DEFAULT_PARALLEL_PAIRS);
        }
        default -> throw new IllegalArgumentException("unknown case " + name + " (200, 1000, estate)");
      }
    }
  }

  private static void single(String label, SyntheticAccountServer.Shape shape, int concurrency) throws Exception {
    // A fresh stub per run, so each starts with a full token bucket as an idle account would.
    try (SyntheticAccountServer server = new SyntheticAccountServer(shape)) {
      LiveScanOptions options = new LiveScanOptions(SyntheticAccountServer.REGION, null, server.endpoint(), null,
          List.of(), List.of(), List.of(), 20, concurrency);
      CollectionResult result = new LiveCollector(LiveScanTestSupport.CREDENTIALS, null)
          .collect(options, ProgressListener.silent());
      if (result.snapshot().services().size() != shape.services() || !result.snapshot().unreadable().isEmpty()) {
        throw new IllegalStateException("incomplete scan: " + result.summary() + " " + result.snapshot().unreadable());
      }
      print(label, String.valueOf(concurrency), result.elapsed(), result.apiCalls(), server, shape,
          shape.requestsPerSecond() > 0 ? (double) result.apiCalls() / shape.requestsPerSecond() : 0);
    }
  }

  /**
   * Every account and region of the estate through one stub, as {@code scan --accounts A,B,C
   * --assume-role-name NAME --regions r1,r2} runs it. The rate floor is the busiest account's calls (its two
   * regions share its bucket) over the rate: exact when all pairs run at once, a lower bound otherwise.
   */
  private static void estate(SyntheticAccountServer.Shape shape, int parallelPairs) throws Exception {
    try (SyntheticAccountServer server = new SyntheticAccountServer(shape)) {
      LiveScanOptions base = new LiveScanOptions(ESTATE_REGIONS.get(0), null, server.endpoint(), null,
          List.of(), List.of(), List.of(), 20, LiveScanOptions.DEFAULT_CONCURRENCY);
      EstateScan.Targets targets = new EstateScan.Targets(ESTATE_ACCOUNTS, "pullpath-bench", ESTATE_REGIONS, false);
      long start = System.nanoTime();
      List<EstateScan.Outcome> outcomes = new EstateScan(new LiveCollector(LiveScanTestSupport.CREDENTIALS, null))
          .run(base, targets, parallelPairs, ProgressListener.silent());
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      Map<String, Integer> callsByAccount = new HashMap<>();
      List<String> seen = new ArrayList<>();
      int calls = 0;
      for (EstateScan.Outcome outcome : outcomes) {
        if (outcome.failure() != null || outcome.collected().snapshot().services().size() != shape.services()
            || !outcome.collected().snapshot().unreadable().isEmpty()) {
          throw new IllegalStateException("incomplete pair " + outcome.accountId() + "/" + outcome.region() + ": "
              + (outcome.failure() != null ? outcome.failure().getMessage() : outcome.collected().summary()));
        }
        seen.add(outcome.collected().snapshot().accountId() + "/" + outcome.region());
        calls += outcome.collected().apiCalls();
        callsByAccount.merge(outcome.accountId(), outcome.collected().apiCalls(), Integer::sum);
      }
      if (seen.stream().distinct().count() != ESTATE_ACCOUNTS.size() * ESTATE_REGIONS.size()) {
        throw new IllegalStateException("the pairs did not each read their own account and region: " + seen);
      }
      int busiest = callsByAccount.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      print(ESTATE_ACCOUNTS.size() + " accounts x " + ESTATE_REGIONS.size() + " regions, " + parallelPairs
          + " pairs at once", String.valueOf(LiveScanOptions.DEFAULT_CONCURRENCY) + " per pair", wall, calls, server,
          shape, shape.requestsPerSecond() > 0 ? (double) busiest / shape.requestsPerSecond() : 0);
    }
  }

  private static void print(String label, String concurrency, Duration wall, int calls, SyntheticAccountServer server,
      SyntheticAccountServer.Shape shape, double rateFloor) {
    double levelsFloor = DEPENDENCY_LEVELS * shape.latencyMillis() / 1000.0;
    double floor = Math.max(levelsFloor, rateFloor);
    System.out.printf(Locale.ROOT, "| %s | %s | %.2f s | %d | %d | %d | %.2f s (levels %.2f s, rate %.2f s) | %.2f |%n",
        label, concurrency, wall.toMillis() / 1000.0, calls, server.requests(), server.throttled(), floor,
        levelsFloor, rateFloor, wall.toMillis() / 1000.0 / floor);
  }

  private static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
