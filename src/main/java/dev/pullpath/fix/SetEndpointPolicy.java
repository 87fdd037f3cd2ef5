package dev.pullpath.fix;

import dev.pullpath.policy.PolicyDocument;
import java.util.List;

/**
 * PP006: writes an endpoint policy merged from the one it has: an Allow for what image pulls need appended,
 * every other statement kept; a Deny that blocks the pull is dropped only when the user gave
 * {@code --allow-policy-rewrite}, and the plan names it. ModifyVpcEndpoint replaces the whole policy, so the
 * step refuses to run when the live policy is no longer the one it was merged from.
 *
 * @param policyDocument the whole policy this step writes
 * @param removedDenyStatements labels of the Deny statements dropped, empty when only adding
 */
public record SetEndpointPolicy(String endpointId, String policyDocument, List<String> removedDenyStatements)
    implements FixAction {

  public SetEndpointPolicy {
    removedDenyStatements = List.copyOf(removedDenyStatements == null ? List.of() : removedDenyStatements);
  }

  @Override
  public int phase() {
    return Phase.ENDPOINT_POLICIES;
  }

  @Override
  public String target() {
    return endpointId;
  }

  @Override
  public String describe() {
    return "Set the policy of endpoint " + endpointId + " to the current one plus an Allow for image pulls"
        + (removedDenyStatements.isEmpty() ? "" : ", without Deny statement(s) " + String.join(", ", removedDenyStatements)
            + " (--allow-policy-rewrite)");
  }

  @Override
  public ApiCall call(String region) {
    return EndpointModification.call(endpointId, "PolicyDocument", policyDocument);
  }

  @Override
  public String awsCli(String region) {
    return EndpointModification.command(region, endpointId).option("--policy-document", policyDocument).toString();
  }

  @Override
  public boolean additive() {
    return removedDenyStatements.isEmpty();
  }

  @Override
  public List<String> iamActions() {
    return EndpointModification.iamActions();
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "vpc-endpoint", endpointId));
  }

  @Override
  public String observe(AccountReader account) {
    return EndpointModification.observe(account, endpointId,
        e -> e.policyDocument() == null ? "no policy" : "policy " + e.policyDocument().toJsonText());
  }

  @Override
  public boolean isDone(AccountReader account) {
    PolicyDocument wanted = PolicyDocument.parse(policyDocument);
    return EndpointModification.holds(account, endpointId, e -> wanted.equals(e.policyDocument()));
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.setEndpointPolicy(endpointId, policyDocument);
  }
}
