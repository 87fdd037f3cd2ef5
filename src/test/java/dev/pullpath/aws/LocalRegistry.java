package dev.pullpath.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.aws.AwsWire.Answer;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.LogGroup;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.Repository;
import dev.pullpath.snapshot.SecretInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The image side of {@link LocalAccountServer}, in JSON 1.1: ECR's pull-through cache rules, registry policy
 * and repositories, the Secrets Manager secrets the rules and containers name, and CloudWatch log groups.
 */
final class LocalRegistry {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Upstream registries ECR accepts only with a Secrets Manager credential. */
  private static final Set<String> CREDENTIAL_REGISTRIES =
      Set.of("docker-hub", "github-container-registry", "gitlab-container-registry", "azure-container-registry");

  private final String account;
  private final Map<String, PullThroughCacheRule> cacheRules = new LinkedHashMap<>();
  private final PolicyDocument registryPolicy;
  private final List<Repository> repositories;
  private final List<SecretInfo> secrets;
  private final List<LogGroup> logGroups;

  LocalRegistry(AccountSnapshot seed) {
    this.account = seed.accountId();
    seed.pullThroughCacheRules().forEach(r -> cacheRules.put(r.ecrRepositoryPrefix(), r));
    this.registryPolicy = seed.registryPolicy();
    this.repositories = seed.repositories();
    this.secrets = seed.secrets();
    this.logGroups = seed.logGroups();
  }

  Answer ecr(String operation, JsonNode r) {
    ObjectNode out = JSON.createObjectNode();
    String prefix = r.path("ecrRepositoryPrefix").asText();
    switch (operation) {
      case "DescribePullThroughCacheRules" -> {
        List<String> wanted = new ArrayList<>();
        r.path("ecrRepositoryPrefixes").forEach(n -> wanted.add(n.asText()));
        Optional<String> unknown = wanted.stream().filter(w -> !cacheRules.containsKey(w)).findFirst();
        if (unknown.isPresent()) {
          return noRule(unknown.get());
        }
        ArrayNode rules = out.putArray("pullThroughCacheRules");
        cacheRules.values().stream().filter(c -> wanted.isEmpty() || wanted.contains(c.ecrRepositoryPrefix()))
            .forEach(c -> rules.add(cacheRule(c)));
      }
      case "CreatePullThroughCacheRule" -> {
        if (cacheRules.containsKey(prefix)) {
          return AwsWire.jsonError("PullThroughCacheRuleAlreadyExistsException", "A pull through cache rule with "
              + "prefix '" + prefix + "' already exists");
        }
        return store(new PullThroughCacheRule(prefix, r.path("upstreamRegistry").asText(),
            r.path("upstreamRegistryUrl").asText(), r.path("credentialArn").asText(null), null));
      }
      case "UpdatePullThroughCacheRule" -> {
        PullThroughCacheRule rule = cacheRules.get(prefix);
        return rule == null ? noRule(prefix) : store(new PullThroughCacheRule(prefix, rule.upstreamRegistry(),
            rule.upstreamRegistryUrl(), r.path("credentialArn").asText(null), rule.upstreamRepositoryPrefix()));
      }
      case "ValidatePullThroughCacheRule" -> {
        PullThroughCacheRule rule = cacheRules.get(prefix);
        if (rule == null) {
          return noRule(prefix);
        }
        boolean valid = rule.credentialArn() == null || secret(rule.credentialArn()).isPresent();
        out = cacheRule(rule).put("isValid", valid);
        if (!valid) {
          out.put("failure", "Unable to access the secret " + rule.credentialArn());
        }
      }
      case "GetRegistryPolicy" -> {
        if (registryPolicy == null) {
          return AwsWire.jsonError("RegistryPolicyNotFoundException", "Registry policy does not exist in the registry");
        }
        out.put("registryId", account).put("policyText", registryPolicy.toJsonText());
      }
      case "DescribeRepositories" -> {
        ArrayNode found = out.putArray("repositories");
        repositories.forEach(repo -> found.addObject().put("repositoryName", repo.repositoryName()));
      }
      case "DescribeImages" -> {
        String repository = r.path("repositoryName").asText();
        String tag = r.path("imageIds").path(0).path("imageTag").asText();
        boolean held = repositories.stream()
            .anyMatch(repo -> repo.repositoryName().equals(repository) && repo.imageTags().contains(tag));
        if (!held) {
          return AwsWire.jsonError("ImageNotFoundException", "The image requested does not exist");
        }
        out.putArray("imageDetails").addObject().put("repositoryName", repository).putArray("imageTags").add(tag);
      }
      default -> throw new IllegalArgumentException("ecr has no operation " + operation + " here");
    }
    return new Answer(200, AwsWire.JSON_CONTENT, out.toString());
  }

  /** Keeps a rule ECR accepts and answers it, or answers why ECR refuses it. */
  private Answer store(PullThroughCacheRule rule) {
    Answer refused = refuseCredential(rule.upstreamRegistry(), rule.credentialArn());
    if (refused != null) {
      return refused;
    }
    cacheRules.put(rule.ecrRepositoryPrefix(), rule);
    return new Answer(200, AwsWire.JSON_CONTENT, cacheRule(rule).toString());
  }

  private Answer noRule(String prefix) {
    return AwsWire.jsonError("PullThroughCacheRuleNotFoundException", "The pull through cache rule with prefix '"
        + prefix + "' does not exist in the registry with id '" + account + "'");
  }

  /** ECR refuses a rule for a registry that needs credentials without a readable {@code ecr-pullthroughcache/} secret. */
  private Answer refuseCredential(String upstream, String credential) {
    if (credential == null) {
      return CREDENTIAL_REGISTRIES.contains(upstream)
          ? AwsWire.jsonError("InvalidParameterException", "A credential ARN is required for " + upstream) : null;
    }
    if (!credential.contains(":secret:ecr-pullthroughcache/")) {
      return AwsWire.jsonError("InvalidParameterException", "The secret name must start with ecr-pullthroughcache/");
    }
    return secret(credential).isPresent() ? null
        : AwsWire.jsonError("SecretNotFoundException", "The specified secret " + credential + " does not exist");
  }

  private ObjectNode cacheRule(PullThroughCacheRule c) {
    ObjectNode rule = JSON.createObjectNode().put("ecrRepositoryPrefix", c.ecrRepositoryPrefix())
        .put("upstreamRegistry", c.upstreamRegistry()).put("upstreamRegistryUrl", c.upstreamRegistryUrl())
        .put("registryId", account);
    if (c.credentialArn() != null) {
      rule.put("credentialArn", c.credentialArn());
    }
    return rule;
  }

  /** A secret by full ARN, partial ARN (without the random suffix) or name. */
  private Optional<SecretInfo> secret(String id) {
    return secrets.stream().filter(s -> s.arn().equals(id) || s.name().equals(id)
        || (id.startsWith("arn:") && s.arn().startsWith(id + "-") && s.arn().length() == id.length() + 7)).findFirst();
  }

  Answer secretsManager(String operation, JsonNode r) {
    if (!operation.equals("DescribeSecret")) {
      throw new IllegalArgumentException("secretsmanager has no operation " + operation + " here");
    }
    return secret(r.path("SecretId").asText())
        .map(s -> new Answer(200, AwsWire.JSON_CONTENT,
            JSON.createObjectNode().put("ARN", s.arn()).put("Name", s.name()).toString()))
        .orElse(AwsWire.jsonError("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
  }

  Answer logs(String operation, JsonNode r) {
    if (!operation.equals("DescribeLogGroups")) {
      throw new IllegalArgumentException("logs has no operation " + operation + " here");
    }
    String prefix = r.path("logGroupNamePrefix").asText("");
    ObjectNode out = JSON.createObjectNode();
    ArrayNode found = out.putArray("logGroups");
    logGroups.stream().filter(g -> g.logGroupName().startsWith(prefix))
        .forEach(g -> found.addObject().put("logGroupName", g.logGroupName()));
    return new Answer(200, AwsWire.JSON_CONTENT, out.toString());
  }
}
