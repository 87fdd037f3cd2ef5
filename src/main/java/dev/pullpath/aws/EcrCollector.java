package dev.pullpath.aws;

import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.pull.ImageReference;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.Repository;
import dev.pullpath.snapshot.SnapshotPart;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
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

  /**
   * The cache repositories the workloads' images name that exist, with the tags of those images they hold.
   * DescribeRepositories lists the registry (1,000 a page) and keeps the repositories in use; then one
   * DescribeImages per cached image tag in use, so the call count follows the images in use, not the cache.
   */
  CompletableFuture<List<Repository>> cacheRepositories(List<ImageReference> cachedImages) {
    if (cachedImages.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    Set<String> inUse = cachedImages.stream().map(ImageReference::repository).collect(Collectors.toSet());
    CompletableFuture<List<String>> existing = scan.call(
        SnapshotPart.REPOSITORIES,
        "ecr:DescribeRepositories",
        () -> ecr.describeRepositoriesPaginator(b -> b.maxResults(1000)).repositories().stream()
            .map(software.amazon.awssdk.services.ecr.model.Repository::repositoryName)
            .filter(inUse::contains)
            .sorted()
            .toList(),
        List.of());
    return existing.thenCompose(names -> {
      List<CompletableFuture<Repository>> repositories = names.stream()
          .map(name -> tagsHeld(name, cachedImages.stream()
              .filter(i -> i.repository().equals(name))
              .map(i -> i.tag() != null ? i.tag() : i.digest() == null ? "latest" : null)
              .filter(java.util.Objects::nonNull)
              .distinct()
              .sorted()
              .toList()))
          .toList();
      return CompletableFuture.allOf(repositories.toArray(CompletableFuture[]::new))
          .thenApply(done -> repositories.stream().map(CompletableFuture::join).toList());
    });
  }

  private CompletableFuture<Repository> tagsHeld(String repository, List<String> tags) {
    List<CompletableFuture<List<String>>> lookups = tags.stream()
        .map(tag -> scan.call(
            SnapshotPart.REPOSITORIES,
            "ecr:DescribeImages",
            () -> {
              try {
                ecr.describeImages(b -> b.repositoryName(repository).imageIds(ImageIdentifier.builder().imageTag(tag).build()));
                return List.of(tag);
              } catch (ImageNotFoundException e) {
                return List.<String>of();
              }
            },
            List.<String>of()))
        .toList();
    return ScanContext.flatten(lookups).thenApply(held -> new Repository(repository, held));
  }
}
