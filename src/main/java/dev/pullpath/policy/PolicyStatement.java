package dev.pullpath.policy;

import java.util.List;
import java.util.Map;

/**
 * One statement of an IAM policy, with IAM's string-or-array fields normalised to lists.
 *
 * @param label the Sid, or {@code #N} for an unnamed statement, for use in evidence
 * @param principals principal type ({@code AWS}, {@code Service}, ...) to values; {@code "Principal": "*"}
 *     is stored as {@code AWS -> [*]}, which IAM treats the same. Empty when the statement has no Principal
 * @param hasNotPrincipal a {@code NotPrincipal} element is present; its meaning depends on who asks
 * @param hasCondition a {@code Condition} element is present, so the statement cannot be decided offline
 */
public record PolicyStatement(
    String label,
    Effect effect,
    Map<String, List<String>> principals,
    boolean hasNotPrincipal,
    List<String> actions,
    List<String> notActions,
    List<String> resources,
    List<String> notResources,
    boolean hasCondition) {

  public PolicyStatement {
    principals = Map.copyOf(principals);
    actions = List.copyOf(actions);
    notActions = List.copyOf(notActions);
    resources = List.copyOf(resources);
    notResources = List.copyOf(notResources);
  }

  /** Whether Action/NotAction and Resource/NotResource cover the request (principal and condition aside). */
  public boolean coversActionAndResource(PolicyRequest request) {
    boolean actionMatches =
        notActions.isEmpty()
            ? anyMatches(actions, request.action(), true)
            : !anyMatches(notActions, request.action(), true);
    if (!actionMatches) {
      return false;
    }
    // Identity policies attached to a role may omit nothing, but trust and some endpoint policies omit
    // Resource: IAM then applies the statement to every resource.
    if (!notResources.isEmpty()) {
      return !anyMatches(notResources, request.resource(), false);
    }
    return resources.isEmpty() || anyMatches(resources, request.resource(), false);
  }

  /** How a statement's Principal element relates to a caller. */
  public enum PrincipalMatch {
    /** The statement does not name the caller. */
    NONE,
    /** The statement names the caller's account ({@code arn:aws:iam::ACCOUNT:root} or the bare id). */
    ACCOUNT,
    /** The statement names the caller, or everyone, or has no Principal (an identity policy). */
    EXACT
  }

  public PrincipalMatch principalMatch(String principalArn) {
    if (principals.isEmpty()) {
      return PrincipalMatch.EXACT;
    }
    List<String> aws = principals.getOrDefault("AWS", List.of());
    if (aws.contains("*")) {
      return PrincipalMatch.EXACT;
    }
    if (principalArn == null) {
      return PrincipalMatch.NONE;
    }
    // IAM matches a Principal ARN literally: "*" alone means everyone, but a wildcard inside an ARN
    // (role/ecs-*) matches nothing (IAM user guide, Principal element).
    if (aws.contains(principalArn)) {
      return PrincipalMatch.EXACT;
    }
    String account = accountOf(principalArn);
    boolean namesAccount = account != null
        && (aws.contains(account) || aws.contains("arn:aws:iam::" + account + ":root"));
    return namesAccount ? PrincipalMatch.ACCOUNT : PrincipalMatch.NONE;
  }

  /** The account field of an ARN ({@code arn:partition:service:region:ACCOUNT:...}), if it has one. */
  private static String accountOf(String arn) {
    String[] fields = arn.split(":", 6);
    return fields.length >= 5 && !fields[4].isEmpty() ? fields[4] : null;
  }

  /** Whether the statement trusts an AWS service principal, e.g. {@code ecs-tasks.amazonaws.com}. */
  public boolean namesServicePrincipal(String service) {
    return principals.getOrDefault("Service", List.of()).contains(service);
  }

  /** Whether the statement applies to a service principal: it names the service, or everyone ({@code "*"}). */
  public boolean appliesToServicePrincipal(String service) {
    return namesServicePrincipal(service) || principals.getOrDefault("AWS", List.of()).contains("*");
  }

  private static boolean anyMatches(List<String> patterns, String value, boolean ignoreCase) {
    for (String pattern : patterns) {
      if (WildcardPattern.matches(pattern, value, ignoreCase)) {
        return true;
      }
    }
    return false;
  }
}
