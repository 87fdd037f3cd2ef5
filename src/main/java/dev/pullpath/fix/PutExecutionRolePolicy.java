package dev.pullpath.fix;

import dev.pullpath.policy.PolicyDocument;
import java.util.List;
import java.util.Map;

/**
 * PP007: writes the inline policy {@value #POLICY_NAME} of an execution role with exactly the actions it
 * lacks, merged into an earlier policy of that name; the role's other policies are never touched.
 */
public record PutExecutionRolePolicy(String roleName, String policyDocument) implements FixAction {
  public static final String POLICY_NAME = "pullpath-pull-through-cache";

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
    return "Put inline policy " + POLICY_NAME + " on role " + roleName + " granting "
        + String.join(", ", actionsGranted());
  }

  private List<String> actionsGranted() {
    return PolicyDocument.parse(policyDocument).statements().stream()
        .flatMap(s -> s.actions().stream()).distinct().sorted().toList();
  }

  @Override
  public ApiCall call(String region) {
    return new ApiCall("iam", "PutRolePolicy",
        Map.of("RoleName", roleName, "PolicyName", POLICY_NAME, "PolicyDocument", policyDocument));
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("iam", "put-role-policy", region).option("--role-name", roleName)
        .option("--policy-name", POLICY_NAME).option("--policy-document", policyDocument).toString();
  }

  @Override
  public boolean additive() {
    return true;
  }

  @Override
  public List<String> iamActions() {
    return List.of("iam:PutRolePolicy", "iam:GetRolePolicy", "iam:GetRole", "iam:SimulatePrincipalPolicy");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.role(accountId, roleName));
  }

  @Override
  public String observe(AccountReader account) {
    return account.inlinePolicy(roleName, POLICY_NAME).map(p -> "policy " + p.toJsonText()).orElse("no policy " + POLICY_NAME);
  }

  @Override
  public boolean isDone(AccountReader account) {
    PolicyDocument wanted = PolicyDocument.parse(policyDocument);
    return account.inlinePolicy(roleName, POLICY_NAME).map(wanted::equals).orElse(false);
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.putRolePolicy(roleName, POLICY_NAME, policyDocument);
  }
}
