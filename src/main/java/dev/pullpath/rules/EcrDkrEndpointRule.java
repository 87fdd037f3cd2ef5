package dev.pullpath.rules;

import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.SnapshotPart;

@RuleInfo(
    id = "PP002",
    name = "ecr-dkr-endpoint",
    title = "VPC has an ECR Docker registry interface endpoint",
    summary = "Image manifests and layer URLs come from the ECR Docker registry API. In a subnet without an "
        + "internet route that needs an available interface endpoint com.amazonaws.REGION.ecr.dkr with private "
        + "DNS (mandatory for this endpoint), ideally with a network interface in each AZ the tasks run in.",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.SUBNETS, SnapshotPart.VPCS, SnapshotPart.VPC_ENDPOINTS})
public final class EcrDkrEndpointRule extends InterfaceEndpointRule {
  public EcrDkrEndpointRule() {
    super(new Endpoint(RequiredEndpoints.ECR_DKR, "AWS requires it: without it pulls resolve "
        + "ACCOUNT.dkr.ecr.REGION.amazonaws.com to public addresses and time out"));
  }
}
