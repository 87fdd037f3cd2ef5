package dev.pullpath.aws;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sts.StsClient;

/** Who is scanning: the account id every ARN and the snapshot are built on. */
final class StsCollector {
  private final StsClient sts;
  private final ScanContext scan;

  StsCollector(StsClient sts, ScanContext scan) {
    this.sts = sts;
    this.scan = scan;
  }

  /** The caller's account id; without it there is no snapshot, so any failure ends the scan. */
  CompletableFuture<String> accountId() {
    return scan.required(
        () -> sts.getCallerIdentity(b -> {}).account(),
        e -> AwsAccessException.cannotIdentify(ErrorKind.errorCode(e), e));
  }
}
