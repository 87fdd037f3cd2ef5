package dev.pullpath.pull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference split as Docker does: {@code [host[:port]/]repository[:tag][@digest]}.
 * A reference without a host is a Docker Hub image, and a one-segment Docker Hub name is an official
 * image under {@code library/}.
 *
 * @param host the registry host as written, {@code docker.io} when the reference names none
 * @param repository the repository path, with {@code library/} added for Docker Hub official images
 * @param tag the tag, {@code null} when absent (Docker then pulls {@code latest})
 * @param digest {@code sha256:...}, {@code null} when absent
 */
public record ImageReference(String original, String host, String repository, String tag, String digest) {
  private static final Pattern PRIVATE_ECR =
      Pattern.compile("^(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?$");
  /**
   * ECR's dual-stack (IPv4 and IPv6) name for the same registry, {@code ACCOUNT.dkr-ecr.REGION.on.aws}
   * (ECR "Making requests to Amazon ECR registries"); AWS PrivateLink does not serve it.
   */
  private static final Pattern DUAL_STACK_ECR = Pattern.compile("^(\\d{12})\\.dkr-ecr\\.([a-z0-9-]+)\\.on\\.aws$");

  /** Parses an image reference; never fails, since ECS accepts what Docker accepts. */
  public static ImageReference parse(String image) {
    String rest = image.strip();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String host = "docker.io";
    String repository = rest;
    int firstSlash = rest.indexOf('/');
    if (firstSlash > 0) {
      String first = rest.substring(0, firstSlash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        host = first;
        repository = rest.substring(firstSlash + 1);
      }
    }
    if (Upstream.ofHost(host).filter(u -> u == Upstream.DOCKER_HUB).isPresent() && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    return new ImageReference(image, host, repository, tag, digest);
  }

  /**
   * Whether the repository path has an uppercase letter. Docker's reference grammar and ECR repository
   * names are lowercase only, so such a reference can never be pulled.
   */
  public boolean hasUppercaseRepository() {
    return !repository.equals(repository.toLowerCase(Locale.ROOT));
  }

  /** The reference as written, with its repository path in lowercase (host, tag and digest untouched). */
  public String withLowercaseRepository() {
    String written = original.strip();
    String path = written.startsWith(host + "/") ? written.substring(host.length() + 1) : written;
    String repositoryAsWritten = path.substring(0, path.length() - tagAndDigest().length());
    String prefix = written.substring(0, written.length() - path.length());
    return prefix + repositoryAsWritten.toLowerCase(Locale.ROOT) + tagAndDigest();
  }

  /**
   * The private ECR registry this image lives in, if it is a private ECR image, named by its IPv4 host or
   * its dual-stack host ({@link #isDualStackEcr()}).
   */
  public Optional<EcrRegistry> ecrRegistry() {
    String lower = host.toLowerCase(Locale.ROOT);
    Matcher m = PRIVATE_ECR.matcher(lower);
    if (!m.matches()) {
      m = DUAL_STACK_ECR.matcher(lower);
    }
    return m.matches() ? Optional.of(new EcrRegistry(m.group(1), m.group(2))) : Optional.empty();
  }

  /** Whether the host is ECR's dual-stack name, {@code ACCOUNT.dkr-ecr.REGION.on.aws}. */
  public boolean isDualStackEcr() {
    return DUAL_STACK_ECR.matcher(host.toLowerCase(Locale.ROOT)).matches();
  }

  /** The public registry ECR can cache this image from, if any. */
  public Optional<Upstream> upstream() {
    return Upstream.ofHost(host);
  }

  /** {@code :tag}, {@code @digest}, both, or nothing, exactly as the reference carried them. */
  public String tagAndDigest() {
    return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /** A private ECR registry: account and region. */
  public record EcrRegistry(String accountId, String region) {
    public String host() {
      return accountId + ".dkr.ecr." + region + ".amazonaws.com";
    }
  }
}
