package dev.pullpath.pull;

import java.util.Locale;
import java.util.Optional;

/**
 * The upstream registries ECR pull-through cache supports, with ECR's names for them
 * (API_CreatePullThroughCacheRule) and the prefix the ECR console proposes.
 */
public enum Upstream {
  ECR_PUBLIC("ecr-public", "public.ecr.aws", false, "ecr-public"),
  DOCKER_HUB("docker-hub", "registry-1.docker.io", true, "docker-hub"),
  GITHUB("github-container-registry", "ghcr.io", true, "github"),
  GITLAB("gitlab-container-registry", "registry.gitlab.com", true, "gitlab"),
  K8S("k8s", "registry.k8s.io", false, "k8s"),
  QUAY("quay", "quay.io", false, "quay"),
  AZURE("azure-container-registry", null, true, "azure"),
  CHAINGUARD("chainguard", "cgr.dev", true, "chainguard");

  private final String ecrName;
  private final String registryUrl;
  private final boolean needsCredentials;
  private final String defaultPrefix;

  Upstream(String ecrName, String registryUrl, boolean needsCredentials, String defaultPrefix) {
    this.ecrName = ecrName;
    this.registryUrl = registryUrl;
    this.needsCredentials = needsCredentials;
    this.defaultPrefix = defaultPrefix;
  }

  /** ECR's {@code upstreamRegistry} value, e.g. {@code docker-hub}. */
  public String ecrName() {
    return ecrName;
  }

  /** The upstream registry URL for {@code CreatePullThroughCacheRule}; Azure's is per registry. */
  public String registryUrl(String host) {
    return registryUrl == null ? host : registryUrl;
  }

  /** Whether ECR needs a Secrets Manager secret {@code ecr-pullthroughcache/...} for this upstream. */
  public boolean needsCredentials() {
    return needsCredentials;
  }

  public String defaultPrefix() {
    return defaultPrefix;
  }

  /** The upstream an image host belongs to, if ECR can cache it. */
  public static Optional<Upstream> ofHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return switch (h) {
      case "docker.io", "registry-1.docker.io", "index.docker.io", "registry.hub.docker.com" -> Optional.of(DOCKER_HUB);
      case "public.ecr.aws" -> Optional.of(ECR_PUBLIC);
      case "ghcr.io" -> Optional.of(GITHUB);
      case "registry.gitlab.com" -> Optional.of(GITLAB);
      case "registry.k8s.io" -> Optional.of(K8S);
      case "quay.io" -> Optional.of(QUAY);
      case "cgr.dev" -> Optional.of(CHAINGUARD);
      default -> h.endsWith(".azurecr.io") ? Optional.of(AZURE) : Optional.empty();
    };
  }

  /** The upstream ECR calls {@code name}, e.g. {@code docker-hub}. */
  public static Optional<Upstream> ofEcrName(String name) {
    for (Upstream upstream : values()) {
      if (upstream.ecrName.equalsIgnoreCase(name)) {
        return Optional.of(upstream);
      }
    }
    return Optional.empty();
  }

  /** The upstream whose console default prefix is {@code prefix}, e.g. {@code docker-hub}. */
  public static Optional<Upstream> ofDefaultPrefix(String prefix) {
    for (Upstream upstream : values()) {
      if (upstream.defaultPrefix.equals(prefix)) {
        return Optional.of(upstream);
      }
    }
    return Optional.empty();
  }
}
