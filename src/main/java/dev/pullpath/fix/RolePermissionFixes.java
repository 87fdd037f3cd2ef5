package dev.pullpath.fix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.policy.Decision;
import dev.pullpath.policy.Effect;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.policy.PolicyEvaluator;
import dev.pullpath.policy.PolicyRequest;
import dev.pullpath.pull.ExecutionRolePermissions;
import dev.pullpath.pull.RequiredPermission;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.IamRole;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PP007: what an execution role lacks for the task definitions it runs (as the plan leaves them), as one
 * inline policy merged into an earlier {@value PutExecutionRolePolicy#POLICY_NAME} of the role.
 */
final class RolePermissionFixes {
  private final AccountSnapshot snapshot;

  private final boolean allowPolicyRewrite;

  /** The task definitions services run, by the name of their execution role: built once, read per role. */
  private final Map<String, List<TaskDefinition>> taskDefinitionsByExecutionRole = new HashMap<>();

  RolePermissionFixes(AccountSnapshot snapshot, boolean allowPolicyRewrite) {
    this.snapshot = snapshot;
    this.allowPolicyRewrite = allowPolicyRewrite;
    Set<String> seen = new HashSet<>();
    for (EcsService service : snapshot.services()) {
      snapshot.taskDefinitionOf(service).filter(td -> td.executionRoleArn() != null && seen.add(td.taskDefinitionArn()))
          .ifPresent(td -> snapshot.role(td.executionRoleArn()).ifPresent(role -> taskDefinitionsByExecutionRole
              .computeIfAbsent(role.roleName(), k -> new ArrayList<>()).add(td)));
    }
  }

  FixPlanner.Outcome plan(String roleName) {
    Optional<IamRole> role = snapshot.role(roleName);
    if (role.isEmpty()) {
      return FixPlanner.Outcome.none("role " + roleName + " is not in the snapshot");
    }
    PolicyDocument trust = role.get().assumeRolePolicyDocument();
    List<FixAction> actions = new ArrayList<>();
    if (trust != null && trust.statements().stream()
        .anyMatch(s -> s.effect() == Effect.DENY && s.appliesToServicePrincipal(TrustEcsTasks.SERVICE))) {
      return FixPlanner.Outcome.none("the trust policy of " + roleName + " denies " + TrustEcsTasks.SERVICE
          + "; --fix never removes a Deny: narrow it by hand");
    }
    if (trust != null && !TrustEcsTasks.trusts(trust)) {
      if (!allowPolicyRewrite) {
        return FixPlanner.Outcome.none("role " + roleName + " does not trust " + TrustEcsTasks.SERVICE + "; adding it "
            + "rewrites the role's trust policy: give --allow-policy-rewrite");
      }
      actions.add(TrustEcsTasks.adding(roleName, trust));
    }
    Map<String, RequiredPermission> needed = new LinkedHashMap<>();
    for (TaskDefinition td : taskDefinitionsByExecutionRole.getOrDefault(roleName, List.of())) {
      ExecutionRolePermissions.of(snapshot, td).forEach(p -> needed.putIfAbsent(p.action() + " " + p.resource(), p));
    }
    List<PolicyDocument> policies = role.get().identityPolicies();
    IamRole.NamedPolicy boundary = role.get().permissionsBoundary();
    List<RequiredPermission> missing = new ArrayList<>();
    List<String> cappedByBoundary = new ArrayList<>();
    List<String> decidedByCondition = new ArrayList<>();
    for (RequiredPermission p : needed.values()) {
      PolicyRequest request = PolicyRequest.of(p.action(), p.resource());
      Decision decision = PolicyEvaluator.evaluate(policies, request).decision();
      if (decision == Decision.EXPLICIT_DENY) {
        return FixPlanner.Outcome.none("a policy of " + roleName + " explicitly denies " + p.action() + " on "
            + p.resource() + "; --fix never edits other policies");
      }
      // PP007 trusts the simulator over the role's own policies: a deny there that the policies do not explain
      // (an SCP, a condition...) is not something an inline Allow changes.
      Optional<String> simulated = snapshot.simulation(role.get().arn(), p.action(), p.resource())
          .map(dev.pullpath.snapshot.SimulationResult::decision);
      if (simulated.isPresent() && !simulated.get().equals("allowed") && decision.isAllowed()) {
        return FixPlanner.Outcome.none("IAM's policy simulator answers " + simulated.get() + " for " + p.action() + " on "
            + p.resource() + " although the policies of " + roleName + " allow it (an SCP, a boundary or a condition "
            + "decides it); --fix cannot change that");
      }
      // The registry policy applies to the cache actions too, and its Deny wins like any other.
      if (ExecutionRolePermissions.CACHE_ACTIONS.contains(p.action()) && snapshot.registryPolicy() != null
          && PolicyEvaluator.evaluate(List.of(snapshot.registryPolicy()), PolicyRequest.againstResourcePolicy(p.action(),
              p.resource(), role.get().arn())).decision() == Decision.EXPLICIT_DENY) {
        return FixPlanner.Outcome.none("the ECR registry policy denies " + p.action() + " on " + p.resource() + " to "
            + roleName + "; --fix never edits the registry policy");
      }
      // A boundary caps identity policies: what it does not allow, no inline policy can grant (IAM's simulator
      // would never show it, and the role's tasks could not use it).
      Decision capped = boundary == null ? Decision.ALLOWED
          : PolicyEvaluator.evaluate(List.of(boundary.document()), request).decision();
      if (capped == Decision.IMPLICIT_DENY || capped == Decision.EXPLICIT_DENY) {
        if (!cappedByBoundary.contains(p.action())) {
          cappedByBoundary.add(p.action());
        }
      } else if (decision == Decision.UNDECIDED) {
        if (!decidedByCondition.contains(p.action())) {
          decidedByCondition.add(p.action());
        }
      } else if (!decision.isAllowed()) {
        missing.add(p);
      }
    }
    if (!decidedByCondition.isEmpty()) {
      return FixPlanner.Outcome.none("a statement with a Condition decides " + String.join(", ", decidedByCondition)
          + " for " + roleName + ": granting them without it would undo the owner's restriction, so --fix leaves it "
          + "to them");
    }
    if (!cappedByBoundary.isEmpty()) {
      return FixPlanner.Outcome.none("the permissions boundary " + boundary.policyName() + " of " + roleName
          + " does not allow " + String.join(", ", cappedByBoundary) + ", so no inline policy can grant it; --fix "
          + "never edits a boundary: let it allow them (the finding's command)");
    }
    if (missing.isEmpty()) {
      return FixPlanner.Outcome.of(actions);
    }
    Optional<PolicyDocument> earlier = role.get().inlinePolicies().stream()
        .filter(p -> p.policyName().equals(PutExecutionRolePolicy.POLICY_NAME)).map(IamRole.NamedPolicy::document)
        .findFirst();
    String document = document(earlier, missing);
    int size = inlinePolicySize(role.get(), document);
    if (size > INLINE_POLICY_QUOTA) {
      return FixPlanner.Outcome.none("with " + PutExecutionRolePolicy.POLICY_NAME + " the inline policies of " + roleName
          + " would hold " + String.format(java.util.Locale.ROOT, "%,d", size) + " characters, over IAM's quota of "
          + "10,240 per role, so PutRolePolicy would fail: grant " + String.join(", ", missing.stream()
              .map(RequiredPermission::action).distinct().toList()) + " in a managed policy attached to the role");
    }
    actions.add(new PutExecutionRolePolicy(roleName, document));
    return FixPlanner.Outcome.of(actions);
  }

  /** IAM's quota on the total size of a role's inline policies, whitespace not counted. */
  private static final int INLINE_POLICY_QUOTA = 10_240;

  /** The size IAM counts for the role's inline policies once pullpath's is {@code document}. */
  private static int inlinePolicySize(IamRole role, String document) {
    int size = withoutWhitespace(document);
    for (IamRole.NamedPolicy p : role.inlinePolicies()) {
      if (!p.policyName().equals(PutExecutionRolePolicy.POLICY_NAME)) {
        size += withoutWhitespace(p.document().toJsonText());
      }
    }
    return size;
  }

  private static int withoutWhitespace(String text) {
    return (int) text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
  }

  private static String document(Optional<PolicyDocument> earlier, List<RequiredPermission> missing) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    List<String> statements = new ArrayList<>();
    ExecutionRolePermissions.groupByResources(missing, RequiredPermission::grantResource).forEach((resources, actions) -> {
      ObjectNode statement = json.objectNode();
      statement.put("Sid", "Pullpath" + FixPlan.sha256(actions + "|" + resources).substring(0, 10));
      statement.put("Effect", "Allow");
      statement.set("Action", strings(actions));
      statement.set("Resource", strings(resources));
      statements.add(statement.toString());
    });
    if (earlier.isPresent()) {
      return earlier.get().withStatements(statements);
    }
    return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[]}").withStatements(statements);
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    values.stream().sorted().forEach(array::add);
    return array;
  }
}
