package dev.pullpath.aws;

import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SnapshotPart;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RegistryPolicyNotFoundException;

/** The private registry's pull-through cache rules and registry policy. */
final class EcrCollector {
  private final EcrClient ecr;
  private final ScanContext scan;

  EcrCollector(EcrClient ecr, ScanContext scan) {
    this.ecr = ecr;
    this.scan = scan;
  }

  /**
   * Every rule of the registry. Not filtered by {@code ecrRepositoryPrefixes}: the rules tell which cache a
   * public image should be rewritten to, so the ones no task definition uses yet matter too, and filtering
   * would wait for the task definitions and fail on an unknown prefix.
   */
  CompletableFuture<List<PullThroughCacheRule>> pullThroughCacheRules() {
    return scan.call(
        SnapshotPart.PULL_THROUGH_CACHE_RULES,
        "ecr:DescribePullThroughCacheRules",
        () -> ecr.describePullThroughCacheRulesPaginator(b -> b.maxResults(1000)).pullThroughCacheRules().stream()
            .map(r -> new PullThroughCacheRule(
                r.ecrRepositoryPrefix(),
                r.upstreamRegistryAsString(),
                r.upstreamRegistryUrl(),
                r.credentialArn(),
                r.upstreamRepositoryPrefix()))
            .sorted(Comparator.comparing(PullThroughCacheRule::ecrRepositoryPrefix))
            .toList(),
        List.of());
  }

  /** The registry policy; a registry without one answers RegistryPolicyNotFoundException, which is no error. */
  CompletableFuture<Optional<PolicyDocument>> registryPolicy() {
    return scan.call(
        SnapshotPart.REGISTRY_POLICY,
        "ecr:GetRegistryPolicy",
        () -> {
          try {
            String text = ecr.getRegistryPolicy(b -> {}).policyText();
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(PolicyDocument.parse(text));
          } catch (RegistryPolicyNotFoundException e) {
            return Optional.<PolicyDocument>empty();
          }
        },
        Optional.empty());
  }
}
