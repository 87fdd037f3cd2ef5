package dev.pullpath.fix;

import dev.pullpath.policy.Effect;
import dev.pullpath.policy.PolicyDocument;
import java.util.List;
import java.util.Map;

/**
 * PP007: lets {@value #SERVICE} assume an execution role that does not trust it, by adding one Allow
 * statement to the role's trust policy. It rewrites an existing document, so it is planned only with
 * {@code --allow-policy-rewrite}; the role's other trust statements are kept as they are.
 *
 * @param policyDocument the whole new trust policy: the current one plus the added statement
 */
public record TrustEcsTasks(String roleName, String policyDocument) implements FixAction {
  public static final String SERVICE = "ecs-tasks.amazonaws.com";

  /** The current trust policy with an Allow for ECS tasks added, under a Sid the policy does not use yet. */
  public static TrustEcsTasks adding(String roleName, PolicyDocument current) {
    String sid = "PullpathEcsTasks";
    for (int n = 2; current.sids().contains(sid); n++) {
      sid = "PullpathEcsTasks" + n;
    }
    String statement = "{\"Sid\":\"" + sid + "\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + SERVICE
        + "\"},\"Action\":\"sts:AssumeRole\"}";
    return new TrustEcsTasks(roleName, current.withStatements(List.of(statement)));
  }

  @Override
  public int phase() {
    return Phase.ROLE_PERMISSIONS;
  }

  @Override
  public String target() {
    return roleName;
  }

  @Override
  public String describe() {
    return "Let " + SERVICE + " assume role " + roleName + ": add an Allow to its trust policy "
        + "(--allow-policy-rewrite)";
  }

  @Override
  public ApiCall call(String region) {
    return new ApiCall("iam", "UpdateAssumeRolePolicy", Map.of("RoleName", roleName, "PolicyDocument", policyDocument));
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("iam", "update-assume-role-policy", region).option("--role-name", roleName)
        .option("--policy-document", policyDocument).toString();
  }

  /** It replaces the whole trust policy (with the old statements kept), so it changes existing configuration. */
  @Override
  public boolean additive() {
    return false;
  }

  @Override
  public List<String> iamActions() {
    return List.of("iam:UpdateAssumeRolePolicy", "iam:GetRole");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.role(accountId, roleName));
  }

  @Override
  public String observe(AccountReader account) {
    return account.trustPolicy(roleName).map(p -> "trust policy " + p.toJsonText()).orElse("no role " + roleName);
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.trustPolicy(roleName).map(TrustEcsTasks::trusts).orElse(false);
  }

  /**
   * Whether a trust policy has an Allow of {@code sts:AssumeRole} naming the ECS tasks service, as PP007 reads it
   * (an Allow of another action, e.g. sts:TagSession, is no trust); a Deny is reported, never removed.
   */
  static boolean trusts(PolicyDocument trust) {
    return trust.statements().stream().anyMatch(s -> s.effect() == Effect.ALLOW && s.namesServicePrincipal(SERVICE)
        && s.coversActionAndResource(dev.pullpath.policy.PolicyRequest.of("sts:AssumeRole", "*")));
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.updateAssumeRolePolicy(roleName, policyDocument);
  }
}
