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
import dev.pullpath.pull.ExecutionRolePermissions;
import dev.pullpath.pull.ImageReference;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.IamRole;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.Optional;

@RuleInfo(
    id = "PP006",
    name = "starport-layer-access",
    title = "Endpoint policies let image pulls through",
    summary = "A VPC endpoint policy filters every request through the endpoint. The S3 gateway endpoint must "
        + "allow s3:GetObject on arn:aws:s3:::prod-REGION-starport-layer-bucket/*, where ECR keeps image layers, "
        + "and the ECR endpoints must allow the pull actions; a Deny on them breaks every pull.",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.TASK_DEFINITIONS, SnapshotPart.SUBNETS, SnapshotPart.VPCS,
        SnapshotPart.ROUTE_TABLES, SnapshotPart.VPC_ENDPOINTS})
public final class StarportLayerAccessRule extends AbstractRule {
  /**
   * A representative layer object: ECR's object keys are internal, so any key under the bucket stands for
   * all of them. A policy that treats some keys differently is rare and would still be shown in evidence.
   */
  private static final String SAMPLE_LAYER_KEY = "/sha256/layer";

  /**
   * What a docker pull asks of the ecr.dkr endpoint, as in AWS's sample ECR endpoint policy.
   * BatchCheckLayerAvailability is a push-side call, so an endpoint policy without it is fine.
   */
  private static final List<String> DOCKER_PULL_ACTIONS = List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");

  @Override
  public List<Finding> check(AccountSnapshot snapshot) {
    List<Blocked> blocked = new ArrayList<>();
    // Endpoints whose policy does not parse: PP000 for them, not a verdict made up from an empty policy.
    List<Finding> notEvaluated = new ArrayList<>();
    for (EcsService service : snapshot.services()) {
      Optional<Vpc> vpc = snapshot.vpcOf(service);
      Optional<TaskDefinition> td = snapshot.taskDefinitionOf(service);
      if (vpc.isEmpty() || td.isEmpty()) {
        continue;
      }
      // Endpoint policies name roles by ARN; a task definition may name its role by bare name.
      String principal = td.get().executionRoleArn() == null ? null
          : snapshot.role(td.get().executionRoleArn()).map(IamRole::arn).orElse(td.get().executionRoleArn());
      String bucketObjects = "arn:aws:s3:::prod-" + snapshot.region() + "-starport-layer-bucket/*";
      String layer = "arn:aws:s3:::prod-" + snapshot.region() + "-starport-layer-bucket" + SAMPLE_LAYER_KEY;
      for (VpcEndpoint gateway : NetworkPaths.s3GatewaysOf(snapshot, service)) {
        // Layer downloads use URLs that ECR presigns, so the S3 request is not signed by the execution
        // role: only statements for any principal ("*") let it through.
        check(snapshot, notEvaluated, service, gateway, List.of(PolicyRequest.throughEndpoint("s3:GetObject", layer, null)),
            List.of(bucketObjects)).ifPresent(blocked::add);
      }
      List<String> repositories = privateRepositories(snapshot, td.get());
      if (repositories.isEmpty()) {
        continue;
      }
      // The endpoint whose private DNS answers the name carries the calls; the others' policies never apply.
      snapshot.dnsAnsweringEndpoint(vpc.get().vpcId(), "ecr.api")
          .or(() -> snapshot.availableInterfaceEndpoint(vpc.get().vpcId(), "ecr.api")).flatMap(api -> check(snapshot, notEvaluated, service, api,
          List.of(PolicyRequest.throughEndpoint(ExecutionRolePermissions.GET_AUTHORIZATION_TOKEN, "*", principal)),
          List.of("*")))
          .ifPresent(blocked::add);
      snapshot.dnsAnsweringEndpoint(vpc.get().vpcId(), "ecr.dkr")
          .or(() -> snapshot.availableInterfaceEndpoint(vpc.get().vpcId(), "ecr.dkr")).flatMap(dkr -> {
        List<PolicyRequest> requests = new ArrayList<>();
        for (String repository : repositories) {
          for (String action : DOCKER_PULL_ACTIONS) {
            requests.add(PolicyRequest.throughEndpoint(action, repository, principal));
          }
        }
        return check(snapshot, notEvaluated, service, dkr, requests, repositories);
      }).ifPresent(blocked::add);
    }
    // modify-vpc-endpoint --policy-document replaces the whole policy: every workload's finding on one
    // endpoint carries the same command, granting what all of them need, so no paste undoes another.
    Map<String, List<Blocked>> byEndpoint = new LinkedHashMap<>();
    blocked.forEach(b -> byEndpoint.computeIfAbsent(b.endpoint().vpcEndpointId(), id -> new ArrayList<>()).add(b));
    List<Finding> findings = new ArrayList<>(notEvaluated);
    for (List<Blocked> onEndpoint : byEndpoint.values()) {
      String fixSummary;
      String fixCommand;
      VpcEndpoint endpoint = onEndpoint.get(0).endpoint();
      Set<String> actions = new LinkedHashSet<>();
      Set<String> resources = new LinkedHashSet<>();
      Set<String> denyingStatements = new LinkedHashSet<>();
      onEndpoint.forEach(b -> {
        actions.addAll(b.actions());
        resources.addAll(b.resources());
        denyingStatements.addAll(b.denyingStatements());
      });
      if (!denyingStatements.isEmpty()) {
        // Adding an Allow cannot beat a Deny: the Deny itself must be narrowed, which only the owner can judge.
        fixSummary = "Narrow or remove Deny statement " + String.join(", ", denyingStatements) + " of the endpoint "
            + "policy so it no longer matches " + String.join(", ", actions) + "; print the current policy with:";
        fixCommand = "aws ec2 describe-vpc-endpoints --region " + quote(snapshot.region()) + " --vpc-endpoint-ids "
            + quote(endpoint.vpcEndpointId()) + " --query 'VpcEndpoints[0].PolicyDocument' --output text";
      } else {
        List<String> statements = PolicyText.allowStatements(
            List.of(new PolicyText.Grant(List.copyOf(actions), List.copyOf(resources))), "PullpathImagePulls",
            endpoint.policyDocument().sids(), true);
        List<String> workloads = onEndpoint.stream().map(b -> b.service().workloadName()).distinct().toList();
        fixSummary = "Add an Allow for " + String.join(", ", actions) + " to the endpoint policy (the command "
            + "keeps the current statements" + (workloads.size() > 1
                ? " and grants what every workload behind the endpoint needs: " + String.join(", ", workloads)
                : "") + ").";
        fixCommand = "aws ec2 modify-vpc-endpoint --region " + quote(snapshot.region()) + " --vpc-endpoint-id "
            + quote(endpoint.vpcEndpointId()) + " --policy-document "
            + quote(endpoint.policyDocument().withStatements(statements));
      }
      for (Blocked b : onEndpoint) {
        findings.add(b.builder(this, snapshot).fix(fixSummary, fixCommand).build());
      }
    }
    return findings;
  }

  /** What one workload needs of one endpoint and the endpoint's policy does not let through. */
  private record Blocked(
      EcsService service, VpcEndpoint endpoint, List<String> actions, List<String> resources,
      List<String> blocked, List<String> undecided, Set<String> denyingStatements, List<String> evidence) {

    Finding.Builder builder(StarportLayerAccessRule rule, AccountSnapshot snapshot) {
      Finding.Builder builder =
          rule.finding(Resources.vpcEndpoint(snapshot, endpoint.vpcEndpointId()), service.workloadName());
      if (blocked.isEmpty()) {
        builder.severity(Severity.WARNING)
            .message("Policy of endpoint " + endpoint.vpcEndpointId() + " (" + endpoint.serviceName()
                + ") cannot be decided offline for " + String.join("; ", undecided)
                + ": a statement with a Condition decides it");
      } else {
        builder.message("Policy of endpoint " + endpoint.vpcEndpointId() + " (" + endpoint.serviceName()
            + ") does not let through " + String.join("; ", blocked));
      }
      evidence.forEach(builder::evidence);
      return builder;
    }
  }

  private Optional<Blocked> check(AccountSnapshot snapshot, List<Finding> notEvaluated,
      EcsService service, VpcEndpoint endpoint, List<PolicyRequest> requests, List<String> resources) {
    if (endpoint.policyDocument() == null) {
      return Optional.empty();
    }
    if (!endpoint.policyDocument().isParsable()) {
      notEvaluated.add(NotEvaluated.unparsablePolicy(descriptor(), Resources.vpcEndpoint(snapshot,
          endpoint.vpcEndpointId()), service.workloadName(), "the policy of endpoint " + endpoint.vpcEndpointId(),
          endpoint.policyDocument()));
      return Optional.empty();
    }
    List<String> blocked = new ArrayList<>();
    List<String> undecided = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    Set<String> denyingStatements = new LinkedHashSet<>();
    for (PolicyRequest request : requests) {
      Evaluation evaluation = PolicyEvaluator.evaluate(List.of(endpoint.policyDocument()), request);
      Decision decision = evaluation.decision();
      if (decision == Decision.ALLOWED) {
        continue;
      }
      if (decision == Decision.EXPLICIT_DENY) {
        denyingStatements.addAll(evaluation.statements());
      }
      (decision == Decision.UNDECIDED ? undecided : blocked).add(request.action() + " on " + request.resource());
      evidence.add(request + ": " + describe(evaluation));
    }
    if (blocked.isEmpty() && undecided.isEmpty()) {
      return Optional.empty();
    }
    List<String> actions = requests.stream().map(PolicyRequest::action).distinct().toList();
    return Optional.of(new Blocked(service, endpoint, actions, resources, blocked, undecided, denyingStatements,
        evidence));
  }

  private static String describe(Evaluation evaluation) {
    String statements = evaluation.statements().isEmpty() ? "" : " by statement " + String.join(", ", evaluation.statements());
    return switch (evaluation.decision()) {
      case EXPLICIT_DENY -> "explicitly denied" + statements;
      case IMPLICIT_DENY -> "no statement allows it";
      case UNDECIDED -> "depends on a Condition" + statements;
      case ALLOWED -> "allowed" + statements;
    };
  }

  /** Repository ARNs of the task's private ECR images: what the ECR endpoint policy must let through. */
  private static List<String> privateRepositories(AccountSnapshot snapshot, TaskDefinition td) {
    return td.containers().stream()
        .map(c -> ImageReference.parse(c.image()))
        .flatMap(image -> image.ecrRegistry().stream().map(registry ->
            ExecutionRolePermissions.repositoryArn(registry.region(), registry.accountId(), image.repository())))
        .distinct()
        .toList();
  }
}
