package dev.pullpath.fix;

import java.util.List;
import java.util.Map;

/** PP003: creates the S3 gateway endpoint of a VPC that has none, on the task subnets' route tables. */
public record CreateGatewayEndpoint(String vpcId, String serviceName, List<String> routeTableIds)
    implements EndpointCreation {

  public CreateGatewayEndpoint {
    routeTableIds = Lists.sorted(routeTableIds);
  }

  @Override
  public String endpointType() {
    return "Gateway";
  }

  @Override
  public Map<String, Object> placement() {
    return Map.of("RouteTableIds", routeTableIds);
  }

  @Override
  public String describe() {
    return "Create gateway endpoint " + serviceName + " in " + vpcId + " on " + String.join(", ", routeTableIds);
  }

  @Override
  public String awsCli(String region) {
    return createCommand(region).option("--route-table-ids", routeTableIds).toString();
  }

  @Override
  public String costNote() {
    return "S3 gateway endpoint: no charge";
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "vpc", vpcId), Arns.ec2(region, accountId, "vpc-endpoint", "*"),
        Arns.ec2(region, accountId, "route-table", "*"));
  }

  @Override
  public boolean isDone(AccountReader account) {
    return anyEndpoint(account, e -> e.isGateway() && e.routeTableIds().containsAll(routeTableIds));
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.createGatewayEndpoint(vpcId, serviceName, routeTableIds, tagging);
  }

  @Override
  public FixAction mergeWith(FixAction other) {
    return other instanceof CreateGatewayEndpoint o && o.target().equals(target())
        ? new CreateGatewayEndpoint(vpcId, serviceName, Lists.sortedUnion(routeTableIds, o.routeTableIds)) : null;
  }
}
