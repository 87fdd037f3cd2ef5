package dev.pullpath.cli;

import dev.pullpath.aws.CollectionResult;
import dev.pullpath.aws.LiveCollector;
import dev.pullpath.aws.LiveScanOptions;
import dev.pullpath.aws.ProgressListener;
import dev.pullpath.awsfix.AwsFixSession;
import dev.pullpath.fix.AccountWriter;

/** How the CLI reaches a live account: read-only collection, and (only to fix) a writer. Tests replace it. */
interface LiveAccess {
  CollectionResult collect(LiveScanOptions options, ProgressListener progress);

  Session openFix(LiveScanOptions options);

  /** A writer and the clients behind it. */
  interface Session extends AutoCloseable {
    AccountWriter writer();

    @Override
    void close();
  }

  LiveAccess AWS = new LiveAccess() {
    @Override
    public CollectionResult collect(LiveScanOptions options, ProgressListener progress) {
      return new LiveCollector().collect(options, progress);
    }

    @Override
    public Session openFix(LiveScanOptions options) {
      AwsFixSession session = AwsFixSession.open(options);
      return new Session() {
        @Override
        public AccountWriter writer() {
          return session.writer();
        }

        @Override
        public void close() {
          session.close();
        }
      };
    }
  };
}
