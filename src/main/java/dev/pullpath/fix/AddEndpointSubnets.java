package dev.pullpath.fix;

import java.util.List;
import java.util.Map;

/** PP001/PP002/PP004/PP012: adds a workload subnet in each AZ an existing interface endpoint misses. */
public record AddEndpointSubnets(String endpointId, List<String> subnetIds) implements FixAction {
  public AddEndpointSubnets {
    subnetIds = Lists.sorted(subnetIds);
  }

  @Override
  public int phase() {
    return Phase.ENDPOINTS;
  }

  @Override
  public String target() {
    return endpointId;
  }

  @Override
  public String describe() {
    return "Add subnets " + String.join(", ", subnetIds) + " to interface endpoint " + endpointId;
  }

  @Override
  public ApiCall call(String region) {
    return new ApiCall("ec2", "ModifyVpcEndpoint", Map.of("VpcEndpointId", endpointId, "AddSubnetIds", subnetIds));
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("ec2", "modify-vpc-endpoint", region).option("--vpc-endpoint-id", endpointId)
        .option("--add-subnet-ids", subnetIds).toString();
  }

  @Override
  public boolean additive() {
    return true;
  }

  @Override
  public String costNote() {
    return "interface endpoint: billed per AZ-hour, " + subnetIds.size() + " more AZ" + (subnetIds.size() == 1 ? "" : "s");
  }

  @Override
  public List<String> iamActions() {
    return List.of("ec2:ModifyVpcEndpoint", "ec2:DescribeVpcEndpoints");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "vpc-endpoint", endpointId), Arns.ec2(region, accountId, "subnet", "*"));
  }

  @Override
  public String observe(AccountReader account) {
    return account.endpoint(endpointId).map(e -> e.state() + " subnets " + Lists.sorted(e.subnetIds()))
        .orElse("no endpoint " + endpointId);
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.endpoint(endpointId).map(e -> e.subnetIds().containsAll(subnetIds)).orElse(false);
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.addEndpointSubnets(endpointId, subnetIds);
  }

  @Override
  public FixAction mergeWith(FixAction other) {
    return other instanceof AddEndpointSubnets o && o.endpointId.equals(endpointId)
        ? new AddEndpointSubnets(endpointId, Lists.sortedUnion(subnetIds, o.subnetIds)) : null;
  }
}
