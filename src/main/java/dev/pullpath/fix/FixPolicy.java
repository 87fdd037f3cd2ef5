package dev.pullpath.fix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The IAM policy applying a given plan needs: each action on the ARNs the plan touches, except Describe and
 * List calls, which IAM does not scope to resources for these services, on {@code *}.
 */
public final class FixPolicy {
  private FixPolicy() {}

  /** IAM's limit on a customer managed policy, in characters without whitespace. */
  public static final int MANAGED_POLICY_LIMIT = 6_144;

  /**
   * The policy, scoped to every ARN the plan touches; when that is more than a managed policy may hold,
   * each write widened to its resource types in the plan's account and region ({@link #widenedNote}).
   */
  public static String render(FixPlan plan) {
    ObjectNode scoped = policy(plan, false);
    return (size(scoped) <= MANAGED_POLICY_LIMIT ? scoped : policy(plan, true)).toPrettyString() + "\n";
  }

  /** Why {@link #render} widened the plan's policy, or {@code null} when it names every ARN. */
  public static String widenedNote(FixPlan plan) {
    int size = size(policy(plan, false));
    return size <= MANAGED_POLICY_LIMIT ? null : "the policy scoped to each of this plan's resources would be " + size
        + " characters, more than the " + MANAGED_POLICY_LIMIT + " of an IAM managed policy: each write is allowed "
        + "on its resource types in account " + plan.accountId() + " (e.g. security-group/*) instead";
  }

  /** Characters as IAM counts them: whitespace outside strings is not counted. */
  static int size(ObjectNode policy) {
    return policy.toString().length();
  }

  /** {@code arn:aws:ec2:R:A:security-group/sg-1} as {@code arn:aws:ec2:R:A:security-group/*}. */
  static String resourceType(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      return arn;
    }
    String resource = parts[5];
    int separator = indexOfAny(resource, '/', ':');
    return separator < 0 ? arn : String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4],
        resource.substring(0, separator + 1) + "*");
  }

  private static int indexOfAny(String text, char a, char b) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == a || text.charAt(i) == b) {
        return i;
      }
    }
    return -1;
  }

  private static ObjectNode policy(FixPlan plan, boolean widened) {
    TreeSet<String> reads = new TreeSet<>();
    Map<String, TreeSet<String>> resourcesByWrite = new TreeMap<>();
    for (FixStep step : plan.steps()) {
      List<String> resources = step.action().iamResources(plan.region(), plan.accountId());
      for (String action : step.iamActions()) {
        if (isRead(action)) {
          reads.add(action);
        } else {
          resourcesByWrite.computeIfAbsent(action, a -> new TreeSet<>())
              .addAll(widened ? resources.stream().map(FixPolicy::resourceType).toList() : resources);
        }
      }
    }
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode policy = json.objectNode();
    policy.put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");
    if (!reads.isEmpty()) {
      ObjectNode read = statements.addObject();
      read.put("Sid", "PullpathFixReads");
      read.put("Effect", "Allow");
      ArrayNode actions = read.putArray("Action");
      reads.forEach(actions::add);
      read.put("Resource", "*");
    }
    // The preflight simulates the identity applying the plan (GetRole turns an assumed-role session into its
    // role): unknown when planning, so any role or user of the account. Without it the preflight is skipped.
    // Always there, so that even an empty plan's policy has the statement IAM requires.
    ObjectNode preflight = statements.addObject();
    preflight.put("Sid", "PullpathFixPreflight");
    preflight.put("Effect", "Allow");
    preflight.putArray("Action").add("iam:GetRole").add("iam:SimulatePrincipalPolicy");
    preflight.putArray("Resource").add("arn:aws:iam::" + plan.accountId() + ":role/*")
        .add("arn:aws:iam::" + plan.accountId() + ":user/*");
    int n = 1;
    for (Map.Entry<String, TreeSet<String>> write : resourcesByWrite.entrySet()) {
      ObjectNode statement = statements.addObject();
      statement.put("Sid", "PullpathFixWrite" + n++);
      statement.put("Effect", "Allow");
      statement.put("Action", write.getKey());
      ArrayNode resources = statement.putArray("Resource");
      write.getValue().forEach(resources::add);
    }
    return policy;
  }

  static boolean isRead(String action) {
    String name = action.substring(action.indexOf(':') + 1);
    return name.startsWith("Describe") || name.startsWith("List");
  }
}
