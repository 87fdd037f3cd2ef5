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

  public static String render(FixPlan plan) {
    TreeSet<String> reads = new TreeSet<>();
    Map<String, TreeSet<String>> resourcesByWrite = new TreeMap<>();
    for (FixStep step : plan.steps()) {
      List<String> resources = step.action().iamResources(plan.region(), plan.accountId());
      for (String action : step.iamActions()) {
        if (isRead(action)) {
          reads.add(action);
        } else {
          resourcesByWrite.computeIfAbsent(action, a -> new TreeSet<>()).addAll(resources);
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
    int n = 1;
    for (Map.Entry<String, TreeSet<String>> write : resourcesByWrite.entrySet()) {
      ObjectNode statement = statements.addObject();
      statement.put("Sid", "PullpathFixWrite" + n++);
      statement.put("Effect", "Allow");
      statement.put("Action", write.getKey());
      ArrayNode resources = statement.putArray("Resource");
      write.getValue().forEach(resources::add);
    }
    return policy.toPrettyString() + "\n";
  }

  static boolean isRead(String action) {
    String name = action.substring(action.indexOf(':') + 1);
    return name.startsWith("Describe") || name.startsWith("List");
  }
}
