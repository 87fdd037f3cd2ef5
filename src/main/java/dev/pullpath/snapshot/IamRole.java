package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pullpath.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * An IAM role with every policy that decides what it may do.
 *
 * @param attachedPolicies managed policies with their default version's document
 * @param inlinePolicies the role's own policies
 * @param permissionsBoundary the boundary's document, {@code null} when none is set
 */
public record IamRole(
    @JsonProperty(required = true) String roleName,
    @JsonProperty(required = true) String arn,
    PolicyDocument assumeRolePolicyDocument,
    List<NamedPolicy> attachedPolicies,
    List<NamedPolicy> inlinePolicies,
    NamedPolicy permissionsBoundary) {

  public IamRole {
    Validate.text(roleName, "roleName");
    Validate.text(arn, "arn");
    attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
    inlinePolicies = inlinePolicies == null ? List.of() : List.copyOf(inlinePolicies);
  }

  /** Every identity-based policy document of the role: attached managed and inline. */
  public List<PolicyDocument> identityPolicies() {
    List<PolicyDocument> all = new ArrayList<>();
    attachedPolicies.forEach(p -> all.add(p.document()));
    inlinePolicies.forEach(p -> all.add(p.document()));
    return all;
  }

  /**
   * A policy with its name.
   *
   * @param policyArn the managed policy's ARN, {@code null} for an inline policy
   */
  public record NamedPolicy(
      @JsonProperty(required = true) String policyName,
      String policyArn,
      @JsonProperty(required = true) PolicyDocument document) {

    public NamedPolicy {
      Validate.text(policyName, "policyName");
      Validate.present(document, "document");
    }
  }
}
