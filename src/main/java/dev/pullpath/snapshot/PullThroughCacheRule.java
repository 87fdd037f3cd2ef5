package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An ECR pull-through cache rule.
 *
 * @param ecrRepositoryPrefix e.g. {@code docker-hub}; {@code ROOT} matches every repository
 * @param upstreamRegistry ECR's upstream name: {@code docker-hub}, {@code ecr-public}, {@code quay}...
 * @param credentialArn the Secrets Manager secret holding upstream credentials, if any
 */
public record PullThroughCacheRule(
    @JsonProperty(required = true) String ecrRepositoryPrefix,
    @JsonProperty(required = true) String upstreamRegistry,
    String upstreamRegistryUrl,
    String credentialArn,
    String upstreamRepositoryPrefix) {

  public PullThroughCacheRule {
    Validate.text(ecrRepositoryPrefix, "ecrRepositoryPrefix");
    Validate.text(upstreamRegistry, "upstreamRegistry");
  }
}
