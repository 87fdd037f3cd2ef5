package dev.pullpath.rules;

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
import java.util.LinkedHashSet;
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
    List<Finding> findings = new ArrayList<>();
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
        check(snapshot, service, gateway, List.of(PolicyRequest.throughEndpoint("s3:GetObject", layer, null)),
            List.of(bucketObjects)).ifPresent(findings::add);
      }
      List<String> repositories = privateRepositories(snapshot, td.get());
      if (repositories.isEmpty()) {
        continue;
      }
      snapshot.availableInterfaceEndpoint(vpc.get().vpcId(), "ecr.api").flatMap(api -> check(snapshot, service, api,
          List.of(PolicyRequest.throughEndpoint(ExecutionRolePermissions.GET_AUTHORIZATION_TOKEN, "*", principal)),
          List.of("*")))
          .ifPresent(findings::add);
      snapshot.availableInterfaceEndpoint(vpc.get().vpcId(), "ecr.dkr").flatMap(dkr -> {
        List<PolicyRequest> requests = new ArrayList<>();
        for (String repository : repositories) {
          for (String action : DOCKER_PULL_ACTIONS) {
            requests.add(PolicyRequest.throughEndpoint(action, repository, principal));
          }
        }
        return check(snapshot, service, dkr, requests, repositories);
      }).ifPresent(findings::add);
    }
    return findings;
  }

  private Optional<Finding> check(
      AccountSnapshot snapshot, EcsService service, VpcEndpoint endpoint, List<PolicyRequest> requests,
      List<String> resources) {
    if (endpoint.policyDocument() == null) {
      return Optional.empty();
    }
    if (!endpoint.policyDocument().isParsable()) {
      return Optional.of(NotEvaluated.unparsablePolicy(descriptor(), Resources.vpcEndpoint(snapshot,
          endpoint.vpcEndpointId()), service.workloadName(), "the policy of endpoint " + endpoint.vpcEndpointId(),
          endpoint.policyDocument()));
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
    Finding.Builder builder =
        finding(Resources.vpcEndpoint(snapshot, endpoint.vpcEndpointId()), service.workloadName());
    if (blocked.isEmpty()) {
      builder.severity(Severity.WARNING)
          .message("Policy of endpoint " + endpoint.vpcEndpointId() + " (" + endpoint.serviceName()
              + ") cannot be decided offline for " + String.join("; ", undecided)
              + ": a statement with a Condition decides it");
    } else {
      builder.message("Policy of endpoint " + endpoint.vpcEndpointId() + " (" + endpoint.serviceName()
          + ") does not let through " + String.join("; ", blocked));
    }
    if (!denyingStatements.isEmpty()) {
      // Adding an Allow cannot beat a Deny: the Deny itself must be narrowed, which only the owner can judge.
      builder.fix("Narrow or remove Deny statement " + String.join(", ", denyingStatements) + " of the endpoint "
              + "policy so it no longer matches " + String.join(", ", actions) + "; print the current policy with:",
          "aws ec2 describe-vpc-endpoints --region " + snapshot.region() + " --vpc-endpoint-ids "
              + endpoint.vpcEndpointId() + " --query 'VpcEndpoints[0].PolicyDocument' --output text");
    } else {
      String statement = PolicyText.allowStatement(
          new PolicyText.Grant(actions, resources), "PullpathImagePulls", true);
      builder.fix("Add an Allow for " + String.join(", ", actions) + " to the endpoint policy (the command "
              + "keeps the current statements).",
          "aws ec2 modify-vpc-endpoint --region " + snapshot.region() + " --vpc-endpoint-id "
              + endpoint.vpcEndpointId() + " --policy-document '" + endpoint.policyDocument().withStatement(statement)
              + "'");
    }
    evidence.forEach(builder::evidence);
    return Optional.of(builder.build());
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
