package dev.pullpath.planned;

import dev.pullpath.check.SourcePosition;
import dev.pullpath.snapshot.PullThroughCacheRule;
import java.util.Locale;

/** An ECR pull-through cache rule a template or plan creates (or replaces: one rule per prefix). */
public record PlannedCacheRule(String file, String address, PullThroughCacheRule rule, SourcePosition position) {

  /**
   * ECR's name of the upstream registry at {@code url} ({@code registry-1.docker.io} is {@code docker-hub}),
   * {@code null} for a URL ECR does not serve.
   */
  static String upstreamOf(String url) {
    String host = url.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("/.*$", "");
    if (host.endsWith(".azurecr.io")) {
      return "azure-container-registry";
    }
    if (host.matches("\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?")) {
      return "ecr";
    }
    return switch (host) {
      case "registry-1.docker.io", "docker.io", "index.docker.io" -> "docker-hub";
      case "public.ecr.aws" -> "ecr-public";
      case "quay.io" -> "quay";
      case "ghcr.io" -> "github-container-registry";
      case "registry.k8s.io" -> "k8s";
      case "registry.gitlab.com" -> "gitlab-container-registry";
      case "cgr.dev" -> "chainguard";
      default -> null;
    };
  }
}
