package dev.pullpath.rules;

import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.SnapshotPart;

@RuleInfo(
    id = "PP004",
    name = "logs-endpoint",
    title = "VPC has a CloudWatch Logs interface endpoint for awslogs",
    summary = "Containers with the awslogs log driver send their output to CloudWatch Logs; without an internet "
        + "route the task needs an available interface endpoint com.amazonaws.REGION.logs with private DNS, or "
        + "it stops at start-up. Not applicable when no container uses awslogs.",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.TASK_DEFINITIONS, SnapshotPart.SUBNETS, SnapshotPart.VPCS,
        SnapshotPart.VPC_ENDPOINTS})
public final class LogsEndpointRule extends InterfaceEndpointRule {
  public LogsEndpointRule() {
    super(new Endpoint(RequiredEndpoints.LOGS, "the awslogs driver resolves logs.REGION.amazonaws.com to public "
        + "addresses and the task fails to start"));
  }
}
