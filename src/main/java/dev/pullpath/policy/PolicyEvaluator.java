package dev.pullpath.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Evaluates IAM policies offline with IAM's own order: an explicit Deny wins, then an Allow, else the
 * request is implicitly denied. Statements with a Condition are never guessed: when one of them could
 * change the outcome the result is {@link Decision#UNDECIDED}.
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  /** Evaluates one request against a set of policies that all apply to the same caller. */
  public static Evaluation evaluate(Collection<PolicyDocument> policies, PolicyRequest request) {
    List<String> unconditionalDeny = new ArrayList<>();
    List<String> conditionalDeny = new ArrayList<>();
    List<String> unconditionalAllow = new ArrayList<>();
    List<String> conditionalAllow = new ArrayList<>();
    for (PolicyDocument policy : policies) {
      for (PolicyStatement statement : policy.statements()) {
        if (!statement.coversActionAndResource(request)) {
          continue;
        }
        PolicyStatement.PrincipalMatch principal = statement.principalMatch(request.principalArn());
        boolean applies = principal == PolicyStatement.PrincipalMatch.EXACT
            || (principal == PolicyStatement.PrincipalMatch.ACCOUNT
                && (statement.effect() == Effect.DENY || request.accountPrincipalsGrant()));
        boolean uncertain = statement.hasCondition() || statement.hasNotPrincipal();
        if (!applies && !statement.hasNotPrincipal()) {
          continue;
        }
        if (statement.effect() == Effect.DENY) {
          (uncertain ? conditionalDeny : unconditionalDeny).add(statement.label());
        } else {
          (uncertain ? conditionalAllow : unconditionalAllow).add(statement.label());
        }
      }
    }
    if (!unconditionalDeny.isEmpty()) {
      return new Evaluation(Decision.EXPLICIT_DENY, unconditionalDeny);
    }
    // A conditional Deny can only change an outcome that something allows: without an Allow the request
    // is denied whatever the condition says.
    if (!conditionalDeny.isEmpty() && (!unconditionalAllow.isEmpty() || !conditionalAllow.isEmpty())) {
      return new Evaluation(Decision.UNDECIDED, conditionalDeny);
    }
    if (!unconditionalAllow.isEmpty()) {
      return new Evaluation(Decision.ALLOWED, unconditionalAllow);
    }
    if (!conditionalAllow.isEmpty()) {
      return new Evaluation(Decision.UNDECIDED, conditionalAllow);
    }
    return Evaluation.of(Decision.IMPLICIT_DENY);
  }

  /**
   * Combines identity policies with an optional permissions boundary: both must allow, and a Deny in
   * either wins. The boundary is ignored when absent.
   */
  public static Evaluation evaluateWithBoundary(
      Collection<PolicyDocument> identityPolicies, PolicyDocument boundary, PolicyRequest request) {
    Evaluation identity = evaluate(identityPolicies, request);
    if (boundary == null || identity.decision() == Decision.EXPLICIT_DENY) {
      return identity;
    }
    Evaluation limit = evaluate(List.of(boundary), request);
    return switch (limit.decision()) {
      case ALLOWED -> identity;
      case EXPLICIT_DENY -> limit;
      case IMPLICIT_DENY -> identity.decision() == Decision.IMPLICIT_DENY
          ? identity
          : new Evaluation(Decision.IMPLICIT_DENY, List.of("permissions boundary does not allow it"));
      case UNDECIDED -> identity.decision() == Decision.IMPLICIT_DENY ? identity : limit;
    };
  }
}
