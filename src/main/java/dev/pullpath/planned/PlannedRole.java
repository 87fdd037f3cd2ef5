package dev.pullpath.planned;

import dev.pullpath.check.SourcePosition;
import dev.pullpath.policy.PolicyDocument;
import java.util.List;

/**
 * An IAM role a template or plan creates or updates, with its inline policies. Managed policies are known
 * by ARN only: their documents come from the account (a role there with the same policy attached), else
 * the role's permissions are unknown and the checks that need them wait (PP000).
 *
 * @param address the CloudFormation logical id or Terraform address
 * @param roleName the role's name, {@code planned:ADDRESS} when the file leaves it to CloudFormation
 * @param arn the role's ARN; may hold the {@code ${AWS::AccountId}} placeholder until the account is known
 * @param trust the trust policy, {@code null} when the file does not resolve it
 * @param inlinePolicies the role's own policies, each by name
 * @param managedPolicyArns the managed policies attached to it
 */
public record PlannedRole(
    String file,
    String address,
    String roleName,
    String arn,
    PolicyDocument trust,
    List<Policy> inlinePolicies,
    List<String> managedPolicyArns,
    SourcePosition position) {

  public PlannedRole {
    inlinePolicies = List.copyOf(inlinePolicies);
    managedPolicyArns = List.copyOf(managedPolicyArns);
  }

  /**
   * An inline policy: of a planned role, or declared on its own ({@code AWS::IAM::Policy},
   * {@code aws_iam_role_policy}) for the roles it names.
   *
   * @param roles the roles' names (or ARNs), {@code planned:ADDRESS} for one the same files create; empty
   *     for a policy written inside its role
   */
  public record Policy(String file, String address, String policyName, List<String> roles, PolicyDocument document,
      SourcePosition position) {
    public Policy {
      roles = List.copyOf(roles);
    }
  }

  /**
   * A managed policy attached to a role on its own ({@code aws_iam_role_policy_attachment}); its document
   * comes from the account, like a role's {@code managed_policy_arns}.
   *
   * @param role the role's name, or its ARN
   */
  public record Attachment(String file, String address, String role, String policyArn, SourcePosition position) {}
}
