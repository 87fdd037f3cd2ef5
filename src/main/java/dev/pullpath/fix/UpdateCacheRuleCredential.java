package dev.pullpath.fix;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** PP009: points an existing pull-through cache rule at the secret given with {@code --credential-arn}. */
public record UpdateCacheRuleCredential(String prefix, String credentialArn) implements FixAction {
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
    return "Point pull-through cache rule " + prefix + " at secret " + credentialArn;
  }

  @Override
  public ApiCall call(String region) {
    return new ApiCall("ecr", "UpdatePullThroughCacheRule",
        Map.of("ecrRepositoryPrefix", prefix, "credentialArn", credentialArn));
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("ecr", "update-pull-through-cache-rule", region).option("--ecr-repository-prefix", prefix)
        .option("--credential-arn", credentialArn).toString();
  }

  @Override
  public boolean additive() {
    return false;
  }

  @Override
  public List<String> iamActions() {
    return List.of("ecr:UpdatePullThroughCacheRule", "ecr:ValidatePullThroughCacheRule", "ecr:DescribePullThroughCacheRules");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.cacheRule(region, accountId));
  }

  @Override
  public String observe(AccountReader account) {
    return account.pullThroughCacheRule(prefix).map(r -> "credentialArn " + r.credentialArn()).orElse("no rule " + prefix);
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.pullThroughCacheRule(prefix).filter(r -> Objects.equals(r.credentialArn(), credentialArn)).isPresent();
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.updatePullThroughCacheRuleCredential(prefix, credentialArn);
  }
}
