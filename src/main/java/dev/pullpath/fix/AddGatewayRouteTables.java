package dev.pullpath.fix;

import java.util.List;
import java.util.Map;

/** PP003: associates the route tables of task subnets with the VPC's existing S3 gateway endpoint. */
public record AddGatewayRouteTables(String endpointId, List<String> routeTableIds) implements FixAction {
  public AddGatewayRouteTables {
    routeTableIds = Lists.sorted(routeTableIds);
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
    return "Associate route tables " + String.join(", ", routeTableIds) + " with gateway endpoint " + endpointId;
  }

  @Override
  public ApiCall call(String region) {
    return new ApiCall("ec2", "ModifyVpcEndpoint", Map.of("VpcEndpointId", endpointId, "AddRouteTableIds", routeTableIds));
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("ec2", "modify-vpc-endpoint", region).option("--vpc-endpoint-id", endpointId)
        .option("--add-route-table-ids", routeTableIds).toString();
  }

  @Override
  public boolean additive() {
    return true;
  }

  @Override
  public String costNote() {
    return "S3 gateway endpoint: no charge";
  }

  @Override
  public List<String> iamActions() {
    return List.of("ec2:ModifyVpcEndpoint", "ec2:DescribeVpcEndpoints");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "vpc-endpoint", endpointId), Arns.ec2(region, accountId, "route-table", "*"));
  }

  @Override
  public String observe(AccountReader account) {
    return account.endpoint(endpointId).map(e -> e.state() + " route tables " + Lists.sorted(e.routeTableIds()))
        .orElse("no endpoint " + endpointId);
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.endpoint(endpointId).map(e -> e.routeTableIds().containsAll(routeTableIds)).orElse(false);
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.addEndpointRouteTables(endpointId, routeTableIds);
  }

  @Override
  public FixAction mergeWith(FixAction other) {
    return other instanceof AddGatewayRouteTables o && o.endpointId.equals(endpointId)
        ? new AddGatewayRouteTables(endpointId, Lists.sortedUnion(routeTableIds, o.routeTableIds)) : null;
  }
}
