package dev.pullpath.rules;

import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.SnapshotPart;

@RuleInfo(
    id = "PP012",
    name = "secrets-endpoints",
    title = "VPC has Secrets Manager and SSM endpoints for injected secrets",
    summary = "Before a task starts, the ECS agent fetches the secrets its containers inject from Secrets Manager "
        + "or SSM Parameter Store. Without an internet route that needs available interface endpoints "
        + "com.amazonaws.REGION.secretsmanager and com.amazonaws.REGION.ssm with private DNS, for the services the "
        + "secrets come from. Not applicable when no container injects secrets.",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.TASK_DEFINITIONS, SnapshotPart.SUBNETS, SnapshotPart.VPCS,
        SnapshotPart.VPC_ENDPOINTS})
public final class SecretsEndpointsRule extends InterfaceEndpointRule {
  public SecretsEndpointsRule() {
    super(
        new Endpoint(RequiredEndpoints.SECRETS_MANAGER, "the agent resolves secretsmanager.REGION.amazonaws.com to "
            + "public addresses and the task stops with ResourceInitializationError: unable to pull secrets"),
        new Endpoint(RequiredEndpoints.SSM, "the agent resolves ssm.REGION.amazonaws.com to public addresses and "
            + "the task stops with ResourceInitializationError: unable to pull secrets"));
  }
}
