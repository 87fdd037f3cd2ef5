package dev.pullpath.aws;

import dev.pullpath.pull.ExecutionRolePermissions;
import dev.pullpath.pull.RequiredPermission;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SimulationResult;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Asks the IAM Policy Simulator exactly what PP007 asks: the (action, resource) pairs of
 * {@link ExecutionRolePermissions} for each execution role. The simulator evaluates every action against
 * every resource of a call, so the pairs are grouped by resource set: one call per role and resource set
 * with its actions batched, and no answers to questions nobody asked.
 */
final class SimulationCollector {
  private final IamClient iam;
  private final ScanContext scan;

  SimulationCollector(IamClient iam, ScanContext scan) {
    this.iam = iam;
    this.scan = scan;
  }

  /**
   * @param context the account id, region and pull-through cache rules, which decide the questions
   */
  CompletableFuture<List<SimulationResult>> simulate(AccountSnapshot context, List<TaskDefinition> taskDefinitions) {
    Map<String, Set<RequiredPermission>> byRole = new LinkedHashMap<>();
    for (TaskDefinition td : taskDefinitions) {
      if (td.executionRoleArn() != null && td.executionRoleArn().startsWith("arn:")) {
        byRole.computeIfAbsent(td.executionRoleArn(), r -> new LinkedHashSet<>())
            .addAll(ExecutionRolePermissions.of(context, td));
      }
    }
    List<CompletableFuture<List<SimulationResult>>> calls = new ArrayList<>();
    byRole.forEach((role, needed) -> ExecutionRolePermissions.groupByResources(needed, RequiredPermission::resource).forEach((resources, actions) ->
        calls.add(simulate(role, actions, resources))));
    return ScanContext.flatten(calls).thenApply(all -> all.stream()
        .sorted(Comparator.comparing(SimulationResult::principalArn)
            .thenComparing(SimulationResult::action)
            .thenComparing(SimulationResult::resource))
        .toList());
  }

  private CompletableFuture<List<SimulationResult>> simulate(String role, List<String> actions, List<String> resources) {
    return scan.call(SnapshotPart.SIMULATIONS, "iam:SimulatePrincipalPolicy", () -> {
      try {
        return iam.simulatePrincipalPolicyPaginator(b -> b
                .policySourceArn(role).actionNames(actions).resourceArns(resources).maxItems(1000))
            .evaluationResults().stream()
            .map(r -> new SimulationResult(role, r.evalActionName(), r.evalResourceName(), r.evalDecisionAsString(),
                r.missingContextValues()))
            .toList();
      } catch (NoSuchEntityException e) {
        return List.<SimulationResult>of();
      }
    }, List.of());
  }
}
