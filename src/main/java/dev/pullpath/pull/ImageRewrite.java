package dev.pullpath.pull;

import dev.pullpath.pull.ImageReference.EcrRegistry;
import dev.pullpath.snapshot.PullThroughCacheRule;
import java.util.List;
import java.util.Optional;

/**
 * The URI a container should use to pull its image over the VPC endpoints, composed of the rewrites PP008
 * and PP009 each report: a repository name in lowercase, ECR's IPv4 name instead of its dual-stack one, a
 * public image through its pull-through cache ({@link PullThroughCache#cacheTarget}), a Docker Hub path with
 * its {@code library/} right ({@link PullThroughCache#correctedDockerHubUri}). The rules and the fix planner
 * use the same pieces, so what --fix writes is what the rules ask for.
 */
public final class ImageRewrite {
  private ImageRewrite() {}

  /**
   * The URI to use instead of {@code imageText}, empty when it is right already or no rewrite can make it
   * pullable (an image in another region or account, or from a registry the cache does not support).
   *
   * @param rules the registry's cache rules (the fix planner adds the ones its plan creates)
   */
  public static Optional<String> of(EcrRegistry own, List<PullThroughCacheRule> rules, String imageText) {
    ImageReference image = ImageReference.parse(imageText);
    if (image.hasUppercaseRepository()) {
      image = ImageReference.parse(image.withLowercaseRepository());
    }
    Optional<EcrRegistry> registry = image.ecrRegistry();
    String right;
    if (registry.isPresent()) {
      if (!registry.get().region().equals(own.region())) {
        return Optional.empty(); // a replica must exist first: not a rewrite
      }
      if (image.isDualStackEcr()) {
        image = ImageReference.parse(ipv4Uri(registry.get(), image));
      }
      ImageReference ipv4 = image;
      right = registry.get().equals(own)
          ? PullThroughCache.ruleForRepository(rules, image.repository())
              .flatMap(rule -> PullThroughCache.correctedDockerHubUri(own, rule, ipv4)).orElse(image.original())
          : image.original();
    } else if (image.upstream().isPresent()) {
      right = PullThroughCache.cacheTarget(rules, image, image.upstream().get()).uri(own);
    } else {
      return Optional.empty(); // to be copied into a private repository: not a rewrite
    }
    return right.equals(imageText) ? Optional.empty() : Optional.of(right);
  }

  /** The same private image under its registry's IPv4 name, which the ecr.dkr endpoint's private DNS answers. */
  public static String ipv4Uri(EcrRegistry registry, ImageReference image) {
    return registry.host() + "/" + image.repository() + image.tagAndDigest();
  }
}
