package dev.pullpath.rules;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.policy.Decision;
import dev.pullpath.policy.Evaluation;
import dev.pullpath.policy.PolicyEvaluator;
import dev.pullpath.policy.PolicyRequest;
import dev.pullpath.policy.PolicyStatement;
import dev.pullpath.pull.ExecutionRolePermissions;
import dev.pullpath.pull.RequiredPermission;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.IamRole;
import dev.pullpath.snapshot.SimulationResult;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "PP007",
    name = "execution-role-pull-permissions",
    title = "Execution role may pull, import through the cache, and log",
    summary = "The ECS agent pulls images and creates log streams as the task execution role. It must trust "
        + "ecs-tasks.amazonaws.com and be allowed the ECR pull actions, ecr:BatchImportUpstreamImage and "
        + "ecr:CreateRepository for pull-through cache repositories (missing from AmazonECSTaskExecutionRolePolicy), "
        + "the CloudWatch Logs actions for awslogs, and reading the secrets its containers inject.",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.TASK_DEFINITIONS, SnapshotPart.IAM_ROLES,
        SnapshotPart.PULL_THROUGH_CACHE_RULES, SnapshotPart.REGISTRY_POLICY})
public final class ExecutionRolePermissionsRule extends AbstractRule {
  private static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

  /** How one required permission was decided, and by what. */
  private record Verdict(RequiredPermission permission, Decision decision, String source) {}

  @Override
  public List<Finding> check(AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    for (EcsService service : snapshot.services()) {
      Optional<TaskDefinition> td = snapshot.taskDefinitionOf(service);
      if (td.isEmpty()) {
        continue;
      }
      List<RequiredPermission> needed = ExecutionRolePermissions.of(snapshot, td.get());
      if (needed.isEmpty()) {
        continue;
      }
      String roleArn = td.get().executionRoleArn();
      if (roleArn == null) {
        findings.add(noRole(snapshot, service, td.get(), needed));
        continue;
      }
      Optional<IamRole> role = snapshot.role(roleArn);
      if (role.isEmpty()) {
        findings.add(finding(Resources.role(roleArn), service.workloadName())
            .anchor("/executionRoleArn", null)
            .message("Execution role " + roleArn + " of " + td.get().displayName() + " does not exist")
            .fix("Create the role with the AmazonECSTaskExecutionRolePolicy and a trust policy for " + ECS_TASKS + ".",
                "aws iam create-role --role-name " + Resources.role(roleArn).id()
                    + " --assume-role-policy-document '" + trustPolicy() + "' && aws iam attach-role-policy --role-name "
                    + Resources.role(roleArn).id()
                    + " --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
            .build());
        continue;
      }
      if (!trustsEcsTasks(role.get())) {
        findings.add(finding(Resources.role(role.get().arn()), service.workloadName())
            .anchor("/executionRoleArn", null)
            .message("Execution role " + role.get().roleName() + " does not trust " + ECS_TASKS
                + " to assume it, so ECS cannot pull images as this role")
            .fix("Replace the role's trust policy with one that allows " + ECS_TASKS + " sts:AssumeRole.",
                "aws iam update-assume-role-policy --role-name " + role.get().roleName()
                    + " --policy-document '" + trustPolicy() + "'")
            .evidence("trust policy: " + (role.get().assumeRolePolicyDocument() == null
                ? "none" : role.get().assumeRolePolicyDocument().toJsonText()))
            .build());
      }
      List<Verdict> verdicts = needed.stream().map(p -> decide(snapshot, role.get(), p)).toList();
      missing(service, td.get().family(), role.get(), verdicts).ifPresent(findings::add);
      undecided(service, role.get(), verdicts).ifPresent(findings::add);
    }
    return findings;
  }

  private Verdict decide(AccountSnapshot snapshot, IamRole role, RequiredPermission permission) {
    Optional<SimulationResult> simulated = snapshot.simulations().stream()
        .filter(r -> r.principalArn().equals(role.arn()) && r.action().equals(permission.action())
            && r.resource().equals(permission.resource()))
        .findFirst();
    Decision decision;
    String source;
    if (simulated.isPresent()) {
      SimulationResult answer = simulated.get();
      decision = switch (answer.decision()) {
        case "allowed" -> Decision.ALLOWED;
        case "explicitDeny" -> Decision.EXPLICIT_DENY;
        // The simulator says implicitDeny when a condition needs context it was not given: no verdict.
        default -> answer.missingContextValues().isEmpty() ? Decision.IMPLICIT_DENY : Decision.UNDECIDED;
      };
      source = "IAM policy simulator: " + answer.decision() + (answer.missingContextValues().isEmpty()
          ? "" : " (missing context " + String.join(", ", answer.missingContextValues()) + ")");
    } else {
      PolicyRequest request = PolicyRequest.of(permission.action(), permission.resource());
      Evaluation evaluation = PolicyEvaluator.evaluateWithBoundary(role.identityPolicies(),
          role.permissionsBoundary() == null ? null : role.permissionsBoundary().document(), request);
      decision = evaluation.decision();
      source = "role policies: " + decision.label()
          + (evaluation.statements().isEmpty() ? "" : " (" + String.join(", ", evaluation.statements()) + ")");
    }
    // The simulator and the role's own policies do not see the registry policy, which may grant the
    // pull-through cache actions to the role, or deny them (a Deny there wins like any other).
    if (ExecutionRolePermissions.CACHE_ACTIONS.contains(permission.action()) && snapshot.registryPolicy() != null
        && decision != Decision.EXPLICIT_DENY) {
      Evaluation registry = PolicyEvaluator.evaluate(List.of(snapshot.registryPolicy()),
          PolicyRequest.againstResourcePolicy(permission.action(), permission.resource(), role.arn()));
      boolean registryDecides = registry.decision() == Decision.EXPLICIT_DENY
          || (decision == Decision.IMPLICIT_DENY
              && (registry.decision() == Decision.ALLOWED || registry.decision() == Decision.UNDECIDED));
      if (registryDecides) {
        decision = registry.decision();
        source = "ECR registry policy: " + decision.label()
            + " (" + String.join(", ", registry.statements()) + ")";
      }
    }
    return new Verdict(permission, decision, source);
  }

  private Optional<Finding> missing(
      EcsService service, String family, IamRole role, List<Verdict> verdicts) {
    List<Verdict> denied = verdicts.stream()
        .filter(v -> v.decision() == Decision.IMPLICIT_DENY || v.decision() == Decision.EXPLICIT_DENY)
        .toList();
    if (denied.isEmpty()) {
      return Optional.empty();
    }
    List<PolicyText.Grant> grants = new ArrayList<>();
    ExecutionRolePermissions.groupByResources(denied.stream().map(Verdict::permission).toList(),
            RequiredPermission::grantResource)
        .forEach((resources, actions) -> grants.add(new PolicyText.Grant(actions, resources)));
    List<String> actions = denied.stream().map(v -> v.permission().action()).distinct().toList();
    boolean explicit = denied.stream().anyMatch(v -> v.decision() == Decision.EXPLICIT_DENY);
    // put-role-policy replaces a policy of the same name: extend the one an earlier fix wrote, if any.
    String policyName = "pullpath-" + family;
    String policyText = role.inlinePolicies().stream()
        .filter(p -> p.policyName().equals(policyName))
        .findFirst()
        .map(existing -> {
          // Sids numbered after the existing statements, so they stay unique in the policy.
          int first = existing.document().statements().size() + 1;
          List<String> added = new ArrayList<>();
          for (int i = 0; i < grants.size(); i++) {
            added.add(PolicyText.allowStatement(grants.get(i), "PullpathImagePull" + (first + i), false));
          }
          return existing.document().withStatements(added);
        })
        .orElseGet(() -> PolicyText.allow(grants, "PullpathImagePull", false));
    Finding.Builder builder = finding(Resources.role(role.arn()), service.workloadName())
        .anchor("/executionRoleArn", null)
        .message("Execution role " + role.roleName() + " is not allowed " + String.join(", ", actions)
            + " needed by " + service.workloadName())
        .fix((explicit ? "Remove the Deny statements named in the evidence, then add" : "Add")
                + " an inline policy granting the missing actions.",
            // One policy name per task family: a role shared by several services gets one policy each,
            // instead of each paste overwriting the last.
            "aws iam put-role-policy --role-name " + role.roleName() + " --policy-name " + policyName
                + " --policy-document '" + policyText + "'");
    denied.forEach(v -> builder.evidence(v.permission().action() + " on " + v.permission().resource() + " ("
        + v.permission().reason() + "): " + v.source()));
    return Optional.of(builder.build());
  }

  private Optional<Finding> undecided(EcsService service, IamRole role, List<Verdict> verdicts) {
    List<Verdict> open = verdicts.stream().filter(v -> v.decision() == Decision.UNDECIDED).toList();
    if (open.isEmpty()) {
      return Optional.empty();
    }
    Finding.Builder builder = finding(Resources.role(role.arn()), service.workloadName())
        .anchor("/executionRoleArn", null)
        .severity(Severity.WARNING)
        .message("Whether execution role " + role.roleName() + " may " + String.join(", ",
            open.stream().map(v -> v.permission().action()).distinct().toList())
            + " cannot be decided offline: a statement with a Condition decides it")
        .fix("Check the conditions against a real task (or run a live scan, which asks the IAM policy simulator).",
            "aws iam simulate-principal-policy --policy-source-arn " + role.arn() + " --action-names "
                + String.join(" ", open.stream().map(v -> v.permission().action()).distinct().toList()));
    open.forEach(v -> builder.evidence(v.permission().action() + " on " + v.permission().resource() + ": " + v.source()));
    return Optional.of(builder.build());
  }

  private Finding noRole(AccountSnapshot snapshot, EcsService service, TaskDefinition td, List<RequiredPermission> needed) {
    String roleArn = "arn:aws:iam::" + snapshot.accountId() + ":role/ecsTaskExecutionRole";
    return finding(Resources.taskDefinition(td), service.workloadName())
        .message("Task definition " + td.displayName() + " has no execution role, but needs one for "
            + needed.get(0).reason())
        .fix("Set an execution role (e.g. ecsTaskExecutionRole) on a new task definition revision.",
            TaskDefinitionEdit.command(snapshot, service, td, ".executionRoleArn = \"" + roleArn + "\""))
        .build();
  }

  private static boolean trustsEcsTasks(IamRole role) {
    if (role.assumeRolePolicyDocument() == null) {
      return false;
    }
    for (PolicyStatement statement : role.assumeRolePolicyDocument().statements()) {
      if (statement.effect() == dev.pullpath.policy.Effect.ALLOW && statement.namesServicePrincipal(ECS_TASKS)
          && statement.coversActionAndResource(PolicyRequest.of("sts:AssumeRole", "*"))) {
        return true;
      }
    }
    return false;
  }

  private static String trustPolicy() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
        + ECS_TASKS + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }
}
