package dev.pullpath.aws;

import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.UnreadablePart;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one scan's API calls on a bounded pool and keeps what went wrong. Collectors chain calls with
 * {@link CompletableFuture}s, so a call waits only for the calls whose answers it needs; nothing blocks a
 * pool thread on another call, which is what keeps a small pool from deadlocking.
 */
final class ScanContext implements AutoCloseable {
  private final ExecutorService pool;
  private final ProgressListener progress;
  private final String region;
  private final boolean regionKnown;
  private final Map<String, UnreadablePart> unreadable = new ConcurrentHashMap<>();
  private final AtomicReference<AwsAccessException> fatal = new AtomicReference<>();

  /**
   * @param regionKnown whether the SDK knows the region; when it does not, an unreachable endpoint most
   *     likely means a mistyped region
   */
  ScanContext(int concurrency, ProgressListener progress, String region, boolean regionKnown) {
    AtomicInteger threads = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(concurrency, task -> {
      Thread thread = new Thread(task, "pullpath-aws-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.progress = progress;
    this.region = region;
    this.regionKnown = regionKnown;
  }

  /**
   * Calls {@code call} on the pool. A failure marks {@code part} unreadable, naming {@code action}, and
   * yields {@code whenUnreadable}; a fatal one (bad credentials, no network) also stops later calls.
   */
  <T> CompletableFuture<T> call(SnapshotPart part, String action, Supplier<T> call, T whenUnreadable) {
    return CompletableFuture.supplyAsync(() -> {
      if (fatal.get() != null) {
        return whenUnreadable;
      }
      try {
        return call.get();
      } catch (SdkException e) {
        ErrorKind kind = ErrorKind.of(e);
        if (kind.isFatal()) {
          fatal.compareAndSet(null, toAccessException(kind, e));
        } else {
          markUnreadable(new UnreadablePart(part, action, ErrorKind.errorCode(e)));
        }
        return whenUnreadable;
      }
    }, pool);
  }

  /** Like {@link #call} for a call the scan cannot do without: any failure ends the scan. */
  <T> CompletableFuture<T> required(Supplier<T> call, Function<SdkException, AwsAccessException> otherwise) {
    return CompletableFuture.supplyAsync(() -> {
      if (fatal.get() != null) {
        return null;
      }
      try {
        return call.get();
      } catch (SdkException e) {
        ErrorKind kind = ErrorKind.of(e);
        fatal.compareAndSet(null, kind.isFatal() ? toAccessException(kind, e) : otherwise.apply(e));
        return null;
      }
    }, pool);
  }

  void markUnreadable(UnreadablePart part) {
    // One entry per part and action: a refused GetRole is one gap, not one per role.
    unreadable.putIfAbsent(part.part() + " " + part.action(), part);
  }

  boolean isReadable(SnapshotPart part) {
    return unreadable.values().stream().noneMatch(u -> u.part() == part);
  }

  /** The first entry that made {@code part} unreadable, for the parts that depend on it. */
  UnreadablePart firstGap(SnapshotPart part) {
    return unreadable.values().stream()
        .filter(u -> u.part() == part)
        .min(Comparator.comparing(UnreadablePart::action))
        .orElseThrow();
  }

  List<UnreadablePart> unreadable() {
    List<UnreadablePart> all = new ArrayList<>(unreadable.values());
    all.sort(Comparator.comparing(UnreadablePart::part).thenComparing(UnreadablePart::action));
    return all;
  }

  void progress(String message) {
    progress.onProgress(message);
  }

  /** Throws the error that stopped the scan, if one did. */
  void throwIfFatal() {
    AwsAccessException e = fatal.get();
    if (e != null) {
      throw e;
    }
  }

  AwsAccessException toAccessException(ErrorKind kind, SdkException e) {
    String code = ErrorKind.errorCode(e);
    return switch (kind) {
      case EXPIRED_CREDENTIALS -> AwsAccessException.expiredCredentials(code, e);
      case REJECTED_CREDENTIALS -> AwsAccessException.rejectedCredentials(code, region, e);
      default -> regionKnown
          ? AwsAccessException.unreachable("the AWS endpoints of " + region + " (" + code + ")", e)
          : AwsAccessException.unknownRegion(region, e);
    };
  }

  /** Waits for every future and concatenates their lists, in the order given. */
  static <T> CompletableFuture<List<T>> flatten(Collection<CompletableFuture<List<T>>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(done -> futures.stream().flatMap(f -> f.join().stream()).toList());
  }

  /** Splits {@code items} into lists of at most {@code size}, for APIs that take a bounded batch. */
  static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      chunks.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return chunks;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
