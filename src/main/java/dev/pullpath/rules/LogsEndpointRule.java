package dev.pullpath.rules;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SnapshotPart;
import java.util.ArrayList;
import java.util.List;

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
public final class LogsEndpointRule extends AbstractRule {
  private final InterfaceEndpointCheck endpointCheck =
      new InterfaceEndpointCheck("logs", "the awslogs driver resolves logs.REGION.amazonaws.com to public "
          + "addresses and the task fails to start");

  @Override
  public List<Finding> check(AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    for (EcsService service : snapshot.services()) {
      boolean usesAwsLogs = snapshot.taskDefinitionOf(service).stream()
          .flatMap(td -> td.containers().stream())
          .anyMatch(ContainerDefinition::usesAwsLogs);
      if (usesAwsLogs) {
        findings.addAll(endpointCheck.check(snapshot, service, this::finding));
      }
    }
    return findings;
  }
}
