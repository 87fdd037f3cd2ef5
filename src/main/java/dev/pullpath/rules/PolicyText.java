package dev.pullpath.rules;

import java.util.List;

/**
 * Minimal IAM policy JSON for fix commands. Inputs are action names and ARNs, which contain no quotes or
 * backslashes, so plain concatenation stays valid JSON inside a single-quoted shell argument.
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
    StringBuilder json = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
    for (int i = 0; i < grants.size(); i++) {
      Grant grant = grants.get(i);
      json.append(i == 0 ? "" : ",")
          .append("{\"Sid\":\"").append(sid).append(grants.size() == 1 ? "" : String.valueOf(i + 1))
          .append("\",\"Effect\":\"Allow\",");
      if (principalStar) {
        json.append("\"Principal\":\"*\",");
      }
      json.append("\"Action\":").append(array(grant.actions()))
          .append(",\"Resource\":").append(array(grant.resources()))
          .append('}');
    }
    return json.append("]}").toString();
  }

  /** One Allow statement (for appending to an existing policy). */
  static String allowStatement(Grant grant, String sid, boolean principalStar) {
    String policy = allow(List.of(grant), sid, principalStar);
    return policy.substring(policy.indexOf('[') + 1, policy.lastIndexOf(']'));
  }

  private static String array(List<String> values) {
    if (values.size() == 1) {
      return '"' + values.get(0) + '"';
    }
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(values.get(i)).append('"');
    }
    return json.append(']').toString();
  }
}
