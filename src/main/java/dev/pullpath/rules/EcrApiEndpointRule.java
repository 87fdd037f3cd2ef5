package dev.pullpath.rules;

import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.SnapshotPart;

@RuleInfo(
    id = "PP001",
    name = "ecr-api-endpoint",
    title = "VPC has an ECR API interface endpoint",
    summary = "Tasks call the ECR API (GetAuthorizationToken) before every pull. In a subnet without an internet "
        + "route that call needs an available interface endpoint com.amazonaws.REGION.ecr.api with private DNS, "
        + "ideally with a network interface in each AZ the tasks run in.",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.SUBNETS, SnapshotPart.VPCS, SnapshotPart.VPC_ENDPOINTS})
public final class EcrApiEndpointRule extends InterfaceEndpointRule {
  public EcrApiEndpointRule() {
    super(new Endpoint(RequiredEndpoints.ECR_API,
        "tasks resolve the public name api.ecr.REGION.amazonaws.com and time out getting registry auth"));
  }
}
