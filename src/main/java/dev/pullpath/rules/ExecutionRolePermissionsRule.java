package dev.pullpath.rules;

import static dev.pullpath.check.ShellQuote.quote;

import dev.pullpath.check.Finding;
import dev.pullpath.check.NotEvaluated;
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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * How one required permission was decided, and by what.
   *
   * @param boundary how the role's permissions boundary alone decides it, {@code null} without a boundary
   * @param identityAllows whether the role's own policies (or the registry policy) allow it
   */
  private record Verdict(
      RequiredPermission permission, Decision decision, String source, Decision boundary, boolean identityAllows) {

    boolean denied() {
      return decision == Decision.IMPLICIT_DENY || decision == Decision.EXPLICIT_DENY;
    }

    /** The boundary stops it: no identity-policy Allow can take effect until the boundary allows it too. */
    boolean boundaryBlocks() {
      return boundary == Decision.IMPLICIT_DENY || boundary == Decision.EXPLICIT_DENY;
    }
  }

  /** A verdict depends only on the role and the permission asked (the snapshot is the same for the scan). */
  private record RoleAndPermission(String roleArn, RequiredPermission permission) {}

  @Override
  public List<Finding> check(AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    // Many services share a task definition and many task definitions share a role: each task definition's
    // needs and each (role, permission) verdict are worked out once per scan, not once per service.
    Map<TaskDefinition, List<RequiredPermission>> neededBy = new IdentityHashMap<>();
    Map<RoleAndPermission, Verdict> verdictOf = new HashMap<>();
    for (EcsService service : snapshot.services()) {
      Optional<TaskDefinition> td = snapshot.taskDefinitionOf(service);
      if (td.isEmpty()) {
        continue;
      }
      List<RequiredPermission> needed = neededBy.computeIfAbsent(td.get(), t -> ExecutionRolePermissions.of(snapshot, t));
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
        findings.add(missingRole(service, td.get(), roleArn, needed));
        continue;
      }
      Optional<Finding> unparsable = unparsablePolicy(snapshot, service, role.get(), needed);
      if (unparsable.isPresent()) {
        findings.add(unparsable.get());
        continue;
      }
      Optional<String> trustDeny = trustDenyingEcsTasks(role.get());
      if (trustDeny.isPresent() || !trustsEcsTasks(role.get())) {
        findings.add(finding(Resources.role(role.get().arn()), service.workloadName())
            .anchor("/executionRoleArn", null)
            .message("Execution role " + role.get().roleName() + " does not trust " + ECS_TASKS
                + " to assume it" + trustDeny.map(sid -> " (Deny statement " + sid + " wins over any Allow)").orElse("")
                + ", so ECS cannot pull images as this role")
            .fix("Replace the role's trust policy with one that allows " + ECS_TASKS + " sts:AssumeRole.",
                "aws iam update-assume-role-policy --role-name " + quote(role.get().roleName())
                    + " --policy-document " + quote(trustPolicy()))
            .evidence("trust policy: " + (role.get().assumeRolePolicyDocument() == null
                ? "none" : role.get().assumeRolePolicyDocument().toJsonText()))
            .build());
      }
      List<Verdict> verdicts = needed.stream()
          .map(p -> verdictOf.computeIfAbsent(new RoleAndPermission(role.get().arn(), p),
              key -> decide(snapshot, role.get(), p)))
          .toList();
      missing(service, td.get().family(), role.get(), verdicts).ifPresent(findings::add);
      undecided(service, role.get(), verdicts).ifPresent(findings::add);
    }
    return findings;
  }

  /** PP000 instead of a verdict when a policy that decides this role's permissions does not parse. */
  private Optional<Finding> unparsablePolicy(
      AccountSnapshot snapshot, EcsService service, IamRole role, List<RequiredPermission> needed) {
    List<IamRole.NamedPolicy> named = new ArrayList<>(role.attachedPolicies());
    named.addAll(role.inlinePolicies());
    if (role.permissionsBoundary() != null) {
      named.add(role.permissionsBoundary());
    }
    String policy = null;
    dev.pullpath.policy.PolicyDocument document = null;
    if (role.assumeRolePolicyDocument() != null && !role.assumeRolePolicyDocument().isParsable()) {
      policy = "the trust policy of role " + role.roleName();
      document = role.assumeRolePolicyDocument();
    }
    for (IamRole.NamedPolicy p : named) {
      if (document == null && !p.document().isParsable()) {
        policy = "policy " + p.policyName() + " of role " + role.roleName();
        document = p.document();
      }
    }
    boolean needsRegistry = needed.stream().anyMatch(p -> ExecutionRolePermissions.CACHE_ACTIONS.contains(p.action()));
    if (document == null && needsRegistry && snapshot.registryPolicy() != null
        && !snapshot.registryPolicy().isParsable()) {
      policy = "the ECR registry policy";
      document = snapshot.registryPolicy();
    }
    return document == null ? Optional.empty() : Optional.of(NotEvaluated.unparsablePolicy(descriptor(),
        Resources.role(role.arn()), service.workloadName(), policy, document));
  }

  private Verdict decide(AccountSnapshot snapshot, IamRole role, RequiredPermission permission) {
    Optional<SimulationResult> simulated =
        snapshot.simulation(role.arn(), permission.action(), permission.resource());
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
    PolicyRequest request = PolicyRequest.of(permission.action(), permission.resource());
    Decision boundary = role.permissionsBoundary() == null ? null
        : PolicyEvaluator.evaluate(List.of(role.permissionsBoundary().document()), request).decision();
    boolean identityAllows = source.startsWith("ECR registry policy")
        ? decision == Decision.ALLOWED
        : PolicyEvaluator.evaluate(role.identityPolicies(), request).decision() == Decision.ALLOWED;
    return new Verdict(permission, decision, source, boundary, identityAllows);
  }

  private Optional<Finding> missing(
      EcsService service, String family, IamRole role, List<Verdict> verdicts) {
    List<Verdict> denied = verdicts.stream().filter(Verdict::denied).toList();
    if (denied.isEmpty()) {
      return Optional.empty();
    }
    List<String> actions = denied.stream().map(v -> v.permission().action()).distinct().toList();
    // A boundary caps what identity policies grant: an inline Allow for an action the boundary stops
    // cannot take effect, so the boundary itself must allow it.
    List<Verdict> blockedByBoundary = denied.stream().filter(Verdict::boundaryBlocks).toList();
    List<Verdict> notGranted = denied.stream().filter(v -> !v.identityAllows()).toList();
    if (blockedByBoundary.isEmpty() && notGranted.isEmpty()) {
      notGranted = denied; // the simulator denies what the offline reading allows: grant it explicitly
    }
    boolean explicit = denied.stream().anyMatch(v -> v.decision() == Decision.EXPLICIT_DENY);
    List<String> commands = new ArrayList<>();
    List<String> steps = new ArrayList<>();
    if (!blockedByBoundary.isEmpty()) {
      commands.add(boundaryCommand(role, grants(blockedByBoundary)));
      steps.add("let the permissions boundary " + role.permissionsBoundary().policyName() + " allow "
          + String.join(", ", blockedByBoundary.stream().map(v -> v.permission().action()).distinct().toList())
          + (role.permissionsBoundary().policyArn() == null
                  || role.permissionsBoundary().policyArn().startsWith("arn:aws:iam::aws:")
              ? " (an AWS managed boundary cannot be edited: the command creates a copy with the missing "
                  + "statements and makes it the boundary)"
              : " (a new default version of the boundary policy with the missing statements; a managed policy "
                  + "keeps at most five versions, so delete an old one first if it has five)"));
    }
    if (!notGranted.isEmpty()) {
      // put-role-policy replaces a policy of the same name: extend the one an earlier fix wrote, if any.
      String policyName = "pullpath-" + family;
      List<PolicyText.Grant> grants = grants(notGranted);
      String policyText = role.inlinePolicies().stream()
          .filter(p -> p.policyName().equals(policyName))
          .findFirst()
          .map(existing -> existing.document().withStatements(
              PolicyText.allowStatements(grants, "PullpathImagePull", existing.document().sids(), false)))
          .orElseGet(() -> PolicyText.allow(grants, "PullpathImagePull", false));
      // One policy name per task family: a role shared by several services gets one policy each,
      // instead of each paste overwriting the last.
      commands.add("aws iam put-role-policy --role-name " + quote(role.roleName()) + " --policy-name "
          + quote(policyName) + " --policy-document " + quote(policyText));
      steps.add("add an inline policy granting " + String.join(", ",
          notGranted.stream().map(v -> v.permission().action()).distinct().toList()));
    }
    String summary = (explicit ? "Remove the Deny statements named in the evidence, then " : "")
        + String.join(", and ", steps) + ".";
    Finding.Builder builder = finding(Resources.role(role.arn()), service.workloadName())
        .anchor("/executionRoleArn", null)
        // The message names the role and what it lacks, not the workload: services sharing the role fold into one
        // finding (each family's inline-policy command kept), listing every workload it blocks.
        .message("Execution role " + role.roleName() + " is not allowed " + String.join(", ", actions))
        .fix(Character.toUpperCase(summary.charAt(0)) + summary.substring(1), String.join(" && ", commands));
    denied.forEach(v -> builder.evidence(v.permission().action() + " on " + v.permission().resource() + " ("
        + v.permission().reason() + "): " + v.source()
        + (v.boundaryBlocks() ? "; permissions boundary: " + v.boundary().label() : "")));
    return Optional.of(builder.build());
  }

  private static List<PolicyText.Grant> grants(List<Verdict> verdicts) {
    List<PolicyText.Grant> grants = new ArrayList<>();
    ExecutionRolePermissions.groupByResources(verdicts.stream().map(Verdict::permission).toList(),
            RequiredPermission::grantResource)
        .forEach((resources, actions) -> grants.add(new PolicyText.Grant(actions, resources)));
    return grants;
  }

  /**
   * The boundary with Allow statements for {@code grants} merged in: a new default version of a customer
   * managed boundary, or, for an AWS managed one (which cannot be changed), a customer managed copy set
   * as the role's boundary.
   */
  private static String boundaryCommand(IamRole role, List<PolicyText.Grant> grants) {
    IamRole.NamedPolicy boundary = role.permissionsBoundary();
    String merged = boundary.document().withStatements(
        PolicyText.allowStatements(grants, "PullpathImagePull", boundary.document().sids(), false));
    String arn = boundary.policyArn();
    if (arn != null && !arn.startsWith("arn:aws:iam::aws:")) {
      return "aws iam create-policy-version --policy-arn " + quote(arn) + " --policy-document " + quote(merged)
          + " --set-as-default";
    }
    return "BOUNDARY_ARN=$(aws iam create-policy --policy-name " + quote("pullpath-boundary-" + role.roleName())
        + " --policy-document " + quote(merged) + " --query Policy.Arn --output text)"
        + " && aws iam put-role-permissions-boundary --role-name " + quote(role.roleName())
        + " --permissions-boundary \"$BOUNDARY_ARN\"";
  }

  /**
   * A missing role is created where the task definition expects it (same path and name), trusting ECS
   * tasks and granting every permission this rule asks of it, so the next scan finds nothing missing.
   */
  private Finding missingRole(EcsService service, TaskDefinition td, String roleArn, List<RequiredPermission> needed) {
    String name = Resources.role(roleArn).id();
    int slash = roleArn.indexOf(":role/");
    String path = slash < 0 ? "/" : roleArn.substring(slash + ":role".length(), roleArn.lastIndexOf('/') + 1);
    List<PolicyText.Grant> grants = new ArrayList<>();
    ExecutionRolePermissions.groupByResources(needed, RequiredPermission::grantResource)
        .forEach((resources, actions) -> grants.add(new PolicyText.Grant(actions, resources)));
    return finding(Resources.role(roleArn), service.workloadName())
        .anchor("/executionRoleArn", null)
        .message("Execution role " + roleArn + " of " + td.displayName() + " does not exist")
        .fix("Create the role" + (path.equals("/") ? "" : " under path " + path) + " with a trust policy for "
                + ECS_TASKS + " and an inline policy granting " + String.join(", ",
                    needed.stream().map(RequiredPermission::action).distinct().toList()) + ".",
            "aws iam create-role --path " + quote(path) + " --role-name " + quote(name)
                + " --assume-role-policy-document " + quote(trustPolicy())
                + " && aws iam put-role-policy --role-name " + quote(name) + " --policy-name "
                + quote("pullpath-" + td.family()) + " --policy-document "
                + quote(PolicyText.allow(grants, "PullpathImagePull", false)))
        .build();
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
            "aws iam simulate-principal-policy --policy-source-arn " + quote(role.arn()) + " --action-names "
                + String.join(" ", open.stream().map(v -> quote(v.permission().action())).distinct().toList()));
    open.forEach(v -> builder.evidence(v.permission().action() + " on " + v.permission().resource() + ": " + v.source()));
    return Optional.of(builder.build());
  }

  private Finding noRole(AccountSnapshot snapshot, EcsService service, TaskDefinition td, List<RequiredPermission> needed) {
    String roleArn = "arn:aws:iam::" + snapshot.accountId() + ":role/ecsTaskExecutionRole";
    return finding(Resources.taskDefinition(td), service.workloadName())
        .message("Task definition " + td.displayName() + " has no execution role, but needs one for "
            + needed.get(0).reason())
        .fix("Set an execution role (e.g. ecsTaskExecutionRole) on a new task definition revision.",
            TaskDefinitionEdit.command(snapshot, service, new TaskDefinitionEdit.SetExecutionRole(roleArn)))
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

  /**
   * An unconditional Deny of sts:AssumeRole to ecs-tasks.amazonaws.com (or to everyone) in the trust policy:
   * an explicit Deny wins over any Allow. A Deny with a Condition is left aside, as the Allow's conditions are.
   */
  private static Optional<String> trustDenyingEcsTasks(IamRole role) {
    if (role.assumeRolePolicyDocument() == null) {
      return Optional.empty();
    }
    for (PolicyStatement statement : role.assumeRolePolicyDocument().statements()) {
      if (statement.effect() == dev.pullpath.policy.Effect.DENY && !statement.hasCondition()
          && !statement.hasNotPrincipal() && statement.appliesToServicePrincipal(ECS_TASKS)
          && statement.coversActionAndResource(PolicyRequest.of("sts:AssumeRole", "*"))) {
        return Optional.of(statement.label());
      }
    }
    return Optional.empty();
  }

  private static String trustPolicy() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
        + ECS_TASKS + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }
}
