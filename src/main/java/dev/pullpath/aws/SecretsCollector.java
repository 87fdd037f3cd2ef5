package dev.pullpath.aws;

import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecretInfo;
import dev.pullpath.snapshot.SnapshotPart;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Whether the upstream credentials of pull-through cache rules exist. Only DescribeSecret: the scan never
 * reads a secret's value.
 */
final class SecretsCollector {
  private final SecretsManagerClient secrets;
  private final ScanContext scan;

  SecretsCollector(SecretsManagerClient secrets, ScanContext scan) {
    this.secrets = secrets;
    this.scan = scan;
  }

  CompletableFuture<List<SecretInfo>> credentialsOf(List<PullThroughCacheRule> rules) {
    List<CompletableFuture<List<SecretInfo>>> lookups = rules.stream()
        .map(PullThroughCacheRule::credentialArn)
        .filter(Objects::nonNull)
        .distinct()
        .map(this::describe)
        .toList();
    return ScanContext.flatten(lookups)
        .thenApply(found -> found.stream().sorted(Comparator.comparing(SecretInfo::arn)).toList());
  }

  private CompletableFuture<List<SecretInfo>> describe(String arn) {
    return scan.call(
        SnapshotPart.SECRETS,
        "secretsmanager:DescribeSecret",
        () -> {
          try {
            // Keep the ARN the rule names: it is the key rules look the secret up by.
            String name = secrets.describeSecret(b -> b.secretId(arn)).name();
            return List.of(new SecretInfo(name, arn));
          } catch (ResourceNotFoundException e) {
            return List.<SecretInfo>of();
          }
        },
        List.of());
  }
}
