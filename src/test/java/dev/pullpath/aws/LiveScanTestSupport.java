package dev.pullpath.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/** A collector wired for the local stub: fixed test credentials and short retry delays. */
final class LiveScanTestSupport {
  static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
      AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

  private LiveScanTestSupport() {}

  static LiveCollector collector() {
    return new LiveCollector(CREDENTIALS, BackoffStrategy.fixedDelay(Duration.ofMillis(20)));
  }

  static LiveScanOptions options(AwsStub stub) {
    return LiveScanOptions.forRegion(FixtureAccount.REGION).withEndpointOverride(stub.endpoint());
  }
}
