package dev.pullpath.aws;

import java.io.PrintWriter;
import java.time.Duration;

/** Receives one-line progress messages while a live scan runs, from any of its threads. */
@FunctionalInterface
public interface ProgressListener {

  void onProgress(String message);

  static ProgressListener silent() {
    return message -> {};
  }

  /**
   * Writes messages to {@code err} once the scan has run for {@code delay}: short scans stay quiet, long
   * ones show they are alive. Messages before then are dropped, not queued.
   */
  static ProgressListener after(Duration delay, PrintWriter err) {
    long start = System.nanoTime();
    return message -> {
      if (System.nanoTime() - start >= delay.toNanos()) {
        synchronized (err) {
          err.println("pullpath: " + message);
          err.flush();
        }
      }
    };
  }
}
