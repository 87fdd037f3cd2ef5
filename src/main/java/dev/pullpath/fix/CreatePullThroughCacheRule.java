package dev.pullpath.fix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PP009: creates the pull-through cache rule an image's prefix needs, then has ECR validate it upstream.
 *
 * @param credentialArn the {@code ecr-pullthroughcache/...} secret, {@code null} for upstreams without one
 */
public record CreatePullThroughCacheRule(
    String prefix, String upstreamRegistry, String upstreamRegistryUrl, String credentialArn) implements FixAction {

  @Override
  public int phase() {
    return Phase.CACHE_RULES;
  }

  @Override
  public String target() {
    return prefix;
  }

  @Override
  public String describe() {
    return "Create pull-through cache rule " + prefix + " -> " + upstreamRegistryUrl
        + (credentialArn == null ? "" : " with credentials " + credentialArn) + ", then validate it";
  }

  @Override
  public ApiCall call(String region) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("ecrRepositoryPrefix", prefix);
    p.put("upstreamRegistry", upstreamRegistry);
    p.put("upstreamRegistryUrl", upstreamRegistryUrl);
    if (credentialArn != null) {
      p.put("credentialArn", credentialArn);
    }
    return new ApiCall("ecr", "CreatePullThroughCacheRule", p);
  }

  @Override
  public String awsCli(String region) {
    AwsCliCommand command = AwsCliCommand.of("ecr", "create-pull-through-cache-rule", region)
        .option("--ecr-repository-prefix", prefix).option("--upstream-registry", upstreamRegistry)
        .option("--upstream-registry-url", upstreamRegistryUrl);
    if (credentialArn != null) {
      command.option("--credential-arn", credentialArn);
    }
    return command + " && " + AwsCliCommand.of("ecr", "validate-pull-through-cache-rule", region)
        .option("--ecr-repository-prefix", prefix);
  }

  @Override
  public boolean additive() {
    return true;
  }

  @Override
  public String costNote() {
    return "cached images are billed as ECR storage";
  }

  @Override
  public List<String> iamActions() {
    // ECR reads the secret itself when it pulls upstream; the caller needs no access to it.
    return List.of("ecr:CreatePullThroughCacheRule", "ecr:ValidatePullThroughCacheRule",
        "ecr:DescribePullThroughCacheRules");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.cacheRule(region, accountId));
  }

  @Override
  public String observe(AccountReader account) {
    return account.pullThroughCacheRule(prefix).map(r -> "rule " + r.upstreamRegistry() + " " + r.credentialArn())
        .orElse("no rule " + prefix);
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.pullThroughCacheRule(prefix)
        .filter(r -> r.upstreamRegistry().equals(upstreamRegistry) && Objects.equals(r.credentialArn(), credentialArn))
        .isPresent();
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.createPullThroughCacheRule(prefix, upstreamRegistry, upstreamRegistryUrl, credentialArn);
  }
}
