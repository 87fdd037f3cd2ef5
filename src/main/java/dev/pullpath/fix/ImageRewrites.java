package dev.pullpath.fix;

import dev.pullpath.pull.ImageReference;
import dev.pullpath.pull.ImageReference.EcrRegistry;
import dev.pullpath.pull.PullThroughCache;
import dev.pullpath.pull.Upstream;
import dev.pullpath.snapshot.PullThroughCacheRule;
import java.util.List;
import java.util.Optional;

/**
 * The image URI a container should use to pull through the account's cache: the same mapping PP008 and
 * PP009 report (public image to {@code PREFIX/REPOSITORY}, ECR Public's {@code docker/library/NAME} to a
 * Docker Hub rule, a Docker Hub official image cached without {@code library/}).
 */
final class ImageRewrites {
  private ImageRewrites() {}

  /**
   * The rewritten URI, empty when the image needs none or cannot be cached.
   *
   * @param rules the account's cache rules plus those the plan creates
   */
  static Optional<String> rewrite(EcrRegistry own, List<PullThroughCacheRule> rules, String imageText) {
    ImageReference image = ImageReference.parse(imageText);
    Optional<EcrRegistry> registry = image.ecrRegistry();
    if (registry.isPresent()) {
      return registry.get().equals(own) ? withLibrary(own, rules, image) : Optional.empty();
    }
    Optional<Upstream> upstream = image.upstream();
    if (upstream.isEmpty()) {
      return Optional.empty();
    }
    Optional<PullThroughCacheRule> direct = PullThroughCache.rulesForUpstream(rules, image).stream().findFirst();
    if (direct.isPresent()) {
      return Optional.of(PullThroughCache.cachedUri(own, direct.get().ecrRepositoryPrefix(), image));
    }
    String dockerLibrary = "docker/library/";
    if (upstream.get() == Upstream.ECR_PUBLIC && image.repository().startsWith(dockerLibrary)) {
      Optional<PullThroughCacheRule> dockerHub = rules.stream()
          .filter(r -> Upstream.DOCKER_HUB.ecrName().equals(r.upstreamRegistry())).findFirst();
      if (dockerHub.isPresent()) {
        ImageReference official = new ImageReference(image.original(), "docker.io",
            image.repository().substring("docker/".length()), image.tag(), image.digest());
        return Optional.of(PullThroughCache.cachedUri(own, dockerHub.get().ecrRepositoryPrefix(), official));
      }
    }
    return Optional.of(PullThroughCache.cachedUri(own, upstream.get().defaultPrefix(), image));
  }

  private static Optional<String> withLibrary(EcrRegistry own, List<PullThroughCacheRule> rules, ImageReference image) {
    Optional<PullThroughCacheRule> rule = PullThroughCache.ruleForRepository(rules, image.repository());
    if (rule.isEmpty() || !Upstream.DOCKER_HUB.ecrName().equals(rule.get().upstreamRegistry())) {
      return Optional.empty();
    }
    String upstreamRepository = PullThroughCache.upstreamRepository(rule.get(), image.repository());
    if (upstreamRepository.contains("/")) {
      return Optional.empty();
    }
    return Optional.of(PullThroughCache.cachedUri(own, rule.get().ecrRepositoryPrefix(),
        new ImageReference(image.original(), "docker.io", "library/" + upstreamRepository, image.tag(), image.digest())));
  }
}
