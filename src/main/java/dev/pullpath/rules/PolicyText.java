package dev.pullpath.rules;

import dev.pullpath.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * IAM policy JSON for fix commands. The JSON is written by Jackson (so account values are escaped), and
 * the whole document then goes through {@code ShellQuote} like every other value.
 */
final class PolicyText {
  private PolicyText() {}

  /** Actions allowed on resources: one statement. */
  record Grant(List<String> actions, List<String> resources) {}

  /**
   * An Allow-only policy, one statement per grant.
   *
   * @param principalStar add {@code "Principal":"*"}, as endpoint policies require
   */
  static String allow(List<Grant> grants, String sid, boolean principalStar) {
    return PolicyDocument.policyJson(allowStatements(grants, sid, Set.of(), principalStar));
  }

  /**
   * One Allow statement per grant, with statement ids {@code sid}, {@code sid2}, {@code sid3}... that
   * none of {@code taken} uses: IAM requires Sids unique within a policy, and allows only ASCII letters
   * and digits in them, so the suffix is a bare number.
   */
  static List<String> allowStatements(List<Grant> grants, String sid, Set<String> taken, boolean principalStar) {
    Set<String> used = new LinkedHashSet<>(taken);
    List<String> statements = new ArrayList<>();
    for (Grant grant : grants) {
      String unique = uniqueSid(sid, used);
      used.add(unique);
      statements.add(PolicyDocument.allowStatementJson(unique, principalStar, grant.actions(), grant.resources()));
    }
    return statements;
  }

  /** {@code base}, else {@code base2}, {@code base3}... whichever {@code taken} does not hold yet. */
  static String uniqueSid(String base, Set<String> taken) {
    if (!taken.contains(base)) {
      return base;
    }
    int n = 2;
    while (taken.contains(base + n)) {
      n++;
    }
    return base + n;
  }
}
