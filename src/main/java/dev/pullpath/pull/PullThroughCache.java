package dev.pullpath.pull;

import dev.pullpath.pull.ImageReference.EcrRegistry;
import dev.pullpath.snapshot.PullThroughCacheRule;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How ECR maps repositories to pull-through cache rules, and public images to their cached URIs
 * (ECR "Using pull through cache rules"): a cached repository is {@code PREFIX/UPSTREAM-REPOSITORY}.
 */
public final class PullThroughCache {
  /** The prefix value that makes a rule match every repository. */
  public static final String ROOT = "ROOT";

  private PullThroughCache() {}

  /**
   * The rule ECR applies to a private repository: the longest prefix {@code p} with the repository under
   * {@code p/}, else a {@code ROOT} rule.
   */
  public static Optional<PullThroughCacheRule> ruleForRepository(List<PullThroughCacheRule> rules, String repository) {
    Optional<PullThroughCacheRule> byPrefix =
        rules.stream()
            .filter(r -> !ROOT.equals(r.ecrRepositoryPrefix()))
            .filter(r -> repository.startsWith(r.ecrRepositoryPrefix() + "/"))
            .max(Comparator.comparingInt(r -> r.ecrRepositoryPrefix().length()));
    return byPrefix.or(() -> rules.stream().filter(r -> ROOT.equals(r.ecrRepositoryPrefix())).findFirst());
  }

  /** The rules that cache from the upstream of a public image; Azure rules must also name its host. */
  public static List<PullThroughCacheRule> rulesForUpstream(List<PullThroughCacheRule> rules, ImageReference image) {
    Optional<Upstream> upstream = image.upstream();
    if (upstream.isEmpty()) {
      return List.of();
    }
    return rules.stream()
        .filter(r -> upstream.get().ecrName().equalsIgnoreCase(r.upstreamRegistry()))
        .filter(r -> upstream.get() != Upstream.AZURE || image.host().equalsIgnoreCase(r.upstreamRegistryUrl()))
        .toList();
  }

  /**
   * The URI a task definition should use to pull {@code image} through the cache with {@code prefix}:
   * {@code ACCOUNT.dkr.ecr.REGION.amazonaws.com/PREFIX/REPOSITORY[:tag][@digest]}.
   */
  public static String cachedUri(EcrRegistry registry, String prefix, ImageReference image) {
    String path = ROOT.equals(prefix) ? image.repository() : prefix + "/" + image.repository();
    return registry.host() + "/" + path + image.tagAndDigest();
  }

  /** The repository part after a rule's prefix, i.e. the upstream repository ECR will fetch. */
  public static String upstreamRepository(PullThroughCacheRule rule, String repository) {
    return ROOT.equals(rule.ecrRepositoryPrefix())
        ? repository
        : repository.substring(rule.ecrRepositoryPrefix().length() + 1);
  }

  /**
   * The images of {@code taskDefinitions} that are pulled through a cache rule of this registry
   * ({@code registry}'s account and region), each once: the ones whose cache repository may not exist yet.
   */
  public static List<ImageReference> cachedImagesInUse(
      EcrRegistry registry, List<PullThroughCacheRule> rules, List<dev.pullpath.snapshot.TaskDefinition> taskDefinitions) {
    java.util.Map<String, ImageReference> images = new java.util.TreeMap<>();
    for (dev.pullpath.snapshot.TaskDefinition td : taskDefinitions) {
      for (dev.pullpath.snapshot.ContainerDefinition container : td.containers()) {
        ImageReference image = ImageReference.parse(container.image());
        if (image.ecrRegistry().filter(registry::equals).isPresent()
            && ruleForRepository(rules, image.repository()).isPresent()) {
          images.putIfAbsent(image.original(), image);
        }
      }
    }
    return List.copyOf(images.values());
  }
}
