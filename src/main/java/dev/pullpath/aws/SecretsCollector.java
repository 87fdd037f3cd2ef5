package dev.pullpath.aws;

import dev.pullpath.pull.Upstream;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecretInfo;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Whether the upstream credentials of pull-through cache rules exist. Only DescribeSecret: the scan never
 * reads a secret's value.
 */
final class SecretsCollector {
  /** ECR reads a pull-through cache rule's credentials only from secrets named with this prefix. */
  private static final String CONVENTIONAL_PREFIX = "ecr-pullthroughcache/";
  private static final Pattern SECRET_ARN =
      Pattern.compile("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:(.+?)(-[A-Za-z0-9]{6})?$");

  private final SecretsManagerClient secrets;
  private final ScanContext scan;

  SecretsCollector(SecretsManagerClient secrets, ScanContext scan) {
    this.secrets = secrets;
    this.scan = scan;
  }

  /**
   * The rules' credential secrets, and for each rule of an upstream that needs credentials whose credential
   * does not name it, the secret of the conventional name {@code ecr-pullthroughcache/PREFIX}: when the
   * rule's secret is missing or misnamed but that one exists, the fix is to point the rule at it (creating
   * it again would fail with ResourceExistsException). Nothing else names that secret, so only this read
   * tells that it exists.
   */
  CompletableFuture<List<SecretInfo>> credentialsOf(List<PullThroughCacheRule> rules) {
    List<CompletableFuture<List<SecretInfo>>> lookups = new java.util.ArrayList<>(rules.stream()
        .map(PullThroughCacheRule::credentialArn)
        .filter(Objects::nonNull)
        .distinct()
        .map(this::describe)
        .toList());
    rules.stream()
        .filter(r -> Upstream.ofEcrName(r.upstreamRegistry()).map(Upstream::needsCredentials).orElse(false))
        .map(r -> CONVENTIONAL_PREFIX + r.ecrRepositoryPrefix())
        .filter(name -> rules.stream().map(PullThroughCacheRule::credentialArn).filter(Objects::nonNull)
            .map(SecretsCollector::secretName).noneMatch(name::equals))
        .distinct()
        .map(this::describeFull)
        .forEach(lookups::add);
    return ScanContext.flatten(lookups)
        .thenApply(found -> found.stream().distinct().sorted(Comparator.comparing(SecretInfo::arn)).toList());
  }

  /** {@code NAME} of {@code arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf} (the suffix is optional). */
  static String secretName(String arn) {
    Matcher m = SECRET_ARN.matcher(arn);
    return m.matches() ? m.group(1) : arn;
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
