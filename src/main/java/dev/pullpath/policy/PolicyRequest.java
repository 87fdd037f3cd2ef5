package dev.pullpath.policy;

import java.util.Objects;

/**
 * One question put to a policy: may {@code principalArn} perform {@code action} on {@code resource}?
 *
 * @param principalArn the caller, used only by policies with a Principal (endpoint and resource-based
 *     policies); identity policies ignore it. {@code null} for an anonymous or presigned request
 * @param accountPrincipalsGrant whether an Allow naming the caller's account (its {@code :root} ARN or
 *     account id) lets the caller through. True for endpoint policies, which filter rather than grant;
 *     false for a same-account resource policy, where such an Allow only defers to the caller's own
 *     identity policies. A Deny naming the account always applies.
 */
public record PolicyRequest(String action, String resource, String principalArn, boolean accountPrincipalsGrant) {
  public PolicyRequest {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
  }

  /** A question for identity policies (attached to the caller), where there is no Principal element. */
  public static PolicyRequest of(String action, String resource) {
    return new PolicyRequest(action, resource, null, false);
  }

  /** A request passing through a VPC endpoint, whose policy filters it. */
  public static PolicyRequest throughEndpoint(String action, String resource, String principalArn) {
    return new PolicyRequest(action, resource, principalArn, true);
  }

  /** A question for a same-account resource-based policy, e.g. the ECR registry policy. */
  public static PolicyRequest againstResourcePolicy(String action, String resource, String principalArn) {
    return new PolicyRequest(action, resource, principalArn, false);
  }

  @Override
  public String toString() {
    return action + " on " + resource;
  }
}
