package dev.pullpath.aws;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Live scans of many account/region pairs in one run: each pair is an ordinary {@link LiveCollector} scan
 * (entering another account by assuming a role of the same name in it), run concurrently in one bounded
 * pool of pairs.
 *
 * <p>AWS rate-limits API calls per account and region, so pairs never compete for one limit: each keeps
 * its own {@code --concurrency}, and {@code parallelPairs} bounds the total (at most
 * {@code parallelPairs × concurrency} calls in flight). A pair that cannot be entered (AssumeRole denied,
 * a region that is not enabled) is an outcome with its failure, not the end of the run.
 */
public final class EstateScan {
  /** What to scan: accounts (empty: the credentials' own), and regions (empty with {@code allRegions}). */
  public record Targets(List<String> accounts, String roleName, List<String> regions, boolean allRegions) {
    public Targets {
      accounts = List.copyOf(accounts);
      regions = List.copyOf(regions);
      if (!accounts.isEmpty()) {
        Objects.requireNonNull(roleName, "a role name to assume in each account");
      }
    }
  }

  /**
   * One pair's result: its snapshot, or why it could not be scanned.
   *
   * @param accountId the pair's account; {@code null} when it is the credentials' own and the scan failed
   *     before it was known
   */
  public record Outcome(String accountId, String region, CollectionResult collected, AwsAccessException failure) {}

  private final LiveCollector collector;

  public EstateScan(LiveCollector collector) {
    this.collector = collector;
  }

  public List<Outcome> run(LiveScanOptions base, Targets targets, int parallelPairs, ProgressListener progress) {
    if (parallelPairs < 1) {
      throw new IllegalArgumentException("parallelPairs must be at least 1");
    }
    List<String> accounts = targets.accounts().isEmpty() ? java.util.Collections.singletonList(null) : targets.accounts();
    List<Outcome> outcomes = new ArrayList<>();
    List<PairJob> jobs = new ArrayList<>();
    for (String account : accounts) {
      String roleArn = account == null ? null : "arn:aws:iam::" + account + ":role/" + targets.roleName();
      List<String> regions = targets.regions();
      if (targets.allRegions()) {
        try {
          regions = collector.enabledRegions(base.forPair(base.region(), roleArn));
        } catch (AwsAccessException e) {
          outcomes.add(new Outcome(account, "all", null, e));
          continue;
        }
      }
      for (String region : regions) {
        jobs.add(new PairJob(account, region, base.forPair(region, roleArn)));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelPairs, Math.max(1, jobs.size())), task -> {
      Thread thread = new Thread(task, "pullpath-pair");
      thread.setDaemon(true);
      return thread;
    });
    try {
      // Started round-robin over the accounts (A1, B1, C1, A2...), so the pairs running at once draw on as
      // many accounts' rate limits as possible; reported in the order asked.
      Map<PairJob, Future<Outcome>> running = new IdentityHashMap<>();
      for (PairJob job : roundRobinByAccount(jobs)) {
        running.put(job, pool.submit(() -> job.run(collector, progress)));
      }
      for (PairJob job : jobs) {
        outcomes.add(await(running.get(job)));
      }
    } finally {
      pool.shutdownNow();
    }
    return outcomes;
  }

  /** The jobs with each account's first pair first, then each account's second, and so on. */
  private static List<PairJob> roundRobinByAccount(List<PairJob> jobs) {
    Map<String, List<PairJob>> byAccount = new LinkedHashMap<>();
    for (PairJob job : jobs) {
      byAccount.computeIfAbsent(String.valueOf(job.account()), a -> new ArrayList<>()).add(job);
    }
    List<PairJob> order = new ArrayList<>(jobs.size());
    for (int round = 0; order.size() < jobs.size(); round++) {
      for (List<PairJob> pairs : byAccount.values()) {
        if (round < pairs.size()) {
          order.add(pairs.get(round));
        }
      }
    }
    return order;
  }

  private static Outcome await(Future<Outcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scanning", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private record PairJob(String account, String region, LiveScanOptions options) {
    Outcome run(LiveCollector collector, ProgressListener progress) {
      try {
        CollectionResult collected = collector.collect(options, progress);
        return new Outcome(collected.snapshot().accountId(), region, collected, null);
      } catch (AwsAccessException e) {
        return new Outcome(account, region, null, e);
      }
    }
  }
}
