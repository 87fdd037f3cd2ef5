package dev.pullpath.pull;

import dev.pullpath.pull.ImageReference.EcrRegistry;
import dev.pullpath.snapshot.PullThroughCacheRule;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How ECR maps repositories to pull-through cache rules, and public images to their cached URIs
 * (ECR "Using pull through cache rules"): a cached repository is {@code PREFIX/UPSTREAM-REPOSITORY}.
 */
public final class PullThroughCache {
  /** The prefix value that makes a rule match every repository. */
  public static final String ROOT = "ROOT";

  /** ECR reads a pull-through cache rule's upstream credentials only from secrets named with this prefix. */
  public static final String CREDENTIAL_SECRET_PREFIX = "ecr-pullthroughcache/";

  /** A Secrets Manager secret ARN; group 1 is the secret's name (without the random suffix, if present). */
  private static final Pattern SECRET_ARN =
      Pattern.compile("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:(.+?)(-[A-Za-z0-9]{6})?$");

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

  /**
   * Where a public image is cached: the prefix it goes under (the rule's, or the upstream's default prefix
   * when no rule caches from its upstream yet) and the upstream reference ECR fetches.
   *
   * @param upstream the registry ECR fetches from, Docker Hub for ECR Public's mirror of an official image
   * @param rule the existing rule the prefix comes from, empty when it is the upstream's default prefix
   */
  public record CacheTarget(Upstream upstream, String prefix, ImageReference image, Optional<PullThroughCacheRule> rule) {
    /** The URI to pull the image by through this target, in {@code registry}. */
    public String uri(EcrRegistry registry) {
      return cachedUri(registry, prefix, image);
    }
  }

  /** Where the public {@code image} of {@code upstream} is cached, given the registry's rules. */
  public static CacheTarget cacheTarget(List<PullThroughCacheRule> rules, ImageReference image, Upstream upstream) {
    Optional<PullThroughCacheRule> direct = rulesForUpstream(rules, image).stream().findFirst();
    if (direct.isPresent()) {
      return new CacheTarget(upstream, direct.get().ecrRepositoryPrefix(), image, direct);
    }
    // ECR Public's docker/library/NAME mirrors Docker Hub's official NAME: with only a Docker Hub rule,
    // the seed's rewrite (public.ecr.aws/docker -> PREFIX) is right once library/ is kept.
    String dockerLibrary = "docker/library/";
    if (upstream == Upstream.ECR_PUBLIC && image.repository().startsWith(dockerLibrary)) {
      Optional<PullThroughCacheRule> dockerHub = rules.stream()
          .filter(r -> Upstream.DOCKER_HUB.ecrName().equals(r.upstreamRegistry())).findFirst();
      if (dockerHub.isPresent()) {
        ImageReference official = new ImageReference(image.original(), "docker.io",
            image.repository().substring("docker/".length()), image.tag(), image.digest());
        return new CacheTarget(Upstream.DOCKER_HUB, dockerHub.get().ecrRepositoryPrefix(), official, dockerHub);
      }
    }
    return new CacheTarget(upstream, upstream.defaultPrefix(), image, Optional.empty());
  }

  /**
   * The right URI for an image of {@code registry} cached by a Docker Hub {@code rule} with a wrong
   * {@code library/}: Docker Hub repositories are exactly {@code NAMESPACE/NAME}, official images under
   * {@code library/}, so it is added for an official image written without it and dropped before a namespace
   * ({@code library/bitnami/redis}). Empty when the path is right or the rule is not Docker Hub's.
   */
  public static Optional<String> correctedDockerHubUri(
      EcrRegistry registry, PullThroughCacheRule rule, ImageReference image) {
    if (!Upstream.DOCKER_HUB.ecrName().equals(rule.upstreamRegistry())) {
      return Optional.empty();
    }
    String upstreamRepository = upstreamRepository(rule, image.repository());
    String library = "library/";
    String right;
    if (!upstreamRepository.contains("/")) {
      right = library + upstreamRepository;
    } else if (upstreamRepository.startsWith(library) && upstreamRepository.indexOf('/', library.length()) > 0) {
      right = upstreamRepository.substring(library.length());
    } else {
      return Optional.empty();
    }
    return Optional.of(cachedUri(registry, rule.ecrRepositoryPrefix(),
        new ImageReference(image.original(), "docker.io", right, image.tag(), image.digest())));
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

  /**
   * The secrets of the conventional name {@code ecr-pullthroughcache/PREFIX} a scan must know about: for each
   * rule of an upstream that needs credentials whose credential ARN names another secret, and for each cache
   * prefix the task definitions' images use without a rule whose upstream needs credentials. Where such a
   * secret exists, pointing the rule at it (or creating the rule with it) is the fix; creating it again would
   * fail. Nothing else names these secrets, so a live scan reads them by name.
   */
  public static List<String> conventionalSecretNames(
      EcrRegistry registry, List<PullThroughCacheRule> rules, List<dev.pullpath.snapshot.TaskDefinition> taskDefinitions) {
    Set<String> named = new HashSet<>();
    rules.stream().map(PullThroughCacheRule::credentialArn).filter(Objects::nonNull)
        .map(SECRET_ARN::matcher).filter(Matcher::matches).forEach(m -> named.add(m.group(1)));
    Set<String> prefixes = new TreeSet<>();
    rules.stream().filter(r -> needsCredentials(Upstream.ofEcrName(r.upstreamRegistry())))
        .forEach(r -> prefixes.add(r.ecrRepositoryPrefix()));
    for (dev.pullpath.snapshot.TaskDefinition td : taskDefinitions) {
      for (dev.pullpath.snapshot.ContainerDefinition container : td.containers()) {
        ImageReference image = ImageReference.parse(container.image());
        if (image.ecrRegistry().filter(registry::equals).isPresent()
            && ruleForRepository(rules, image.repository()).isEmpty()) {
          String firstSegment = image.repository().split("/", 2)[0];
          if (needsCredentials(Upstream.ofDefaultPrefix(firstSegment))) {
            prefixes.add(firstSegment);
          }
        }
      }
    }
    return prefixes.stream().map(p -> CREDENTIAL_SECRET_PREFIX + p).filter(n -> !named.contains(n)).toList();
  }

  private static boolean needsCredentials(Optional<Upstream> upstream) {
    return upstream.map(Upstream::needsCredentials).orElse(false);
  }
}
