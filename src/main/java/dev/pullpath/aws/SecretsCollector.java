package dev.pullpath.aws;

import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecretInfo;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
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

  /**
   * The Secrets Manager secrets of this account and region that containers read (injected, log driver and
   * registry credentials), each with the full ARN Secrets Manager answers: a {@code valueFrom} may be a
   * partial ARN, while IAM checks the full one.
   */
  CompletableFuture<List<SecretInfo>> secretsInUse(List<TaskDefinition> taskDefinitions, String accountId, String region) {
    String own = "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:";
    List<CompletableFuture<List<SecretInfo>>> lookups = taskDefinitions.stream()
        .flatMap(td -> td.containers().stream())
        .flatMap(c -> c.secretReferences().stream())
        .filter(ref -> ref.startsWith(own))
        // valueFrom may name a JSON key, stage or version after the secret: DescribeSecret wants the secret.
        .map(ref -> String.join(":", java.util.Arrays.copyOf(ref.split(":"), 7)))
        .distinct()
        .sorted()
        .map(this::describeFull)
        .toList();
    return ScanContext.flatten(lookups);
  }

  /**
   * The secrets of these names that exist, with their full ARNs: the {@code ecr-pullthroughcache/PREFIX}
   * secrets of {@link dev.pullpath.pull.PullThroughCache#conventionalSecretNames}, which nothing else names.
   */
  CompletableFuture<List<SecretInfo>> named(List<String> names) {
    return ScanContext.flatten(names.stream().map(this::describeFull).toList());
  }

  /** A secret by ARN, partial ARN or name, with the full ARN Secrets Manager answers. */
  private CompletableFuture<List<SecretInfo>> describeFull(String arn) {
    return scan.call(
        SnapshotPart.SECRETS,
        "secretsmanager:DescribeSecret",
        () -> {
          try {
            var secret = secrets.describeSecret(b -> b.secretId(arn));
            return List.of(new SecretInfo(secret.name(), secret.arn()));
          } catch (ResourceNotFoundException e) {
            return List.<SecretInfo>of();
          }
        },
        List.of());
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
