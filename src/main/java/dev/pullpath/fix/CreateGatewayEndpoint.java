package dev.pullpath.fix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * PP003: creates the S3 gateway endpoint of a VPC that has none, on the task subnets' route tables.
 *
 * @param otherSubnetIds subnets without ECS tasks that use these route tables too: their S3 traffic goes through
 *     the endpoint from then on (a bucket policy conditioned on public source IPs stops matching it)
 * @param mainRouteTable one of the tables is its VPC's main table, which every subnet without a table of its own
 *     uses (a scan may not read those subnets: the step says so)
 */
public record CreateGatewayEndpoint(String vpcId, String serviceName, List<String> routeTableIds,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> otherSubnetIds,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean mainRouteTable) implements EndpointCreation {

  public CreateGatewayEndpoint {
    routeTableIds = Lists.sorted(routeTableIds);
    otherSubnetIds = otherSubnetIds == null ? List.of() : Lists.sorted(otherSubnetIds);
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
    return "Create gateway endpoint " + serviceName + " in " + vpcId + " on " + String.join(", ", routeTableIds)
        + GatewayRouting.othersRouted(otherSubnetIds, mainRouteTable);
  }

  @Override
  public boolean additive() {
    return otherSubnetIds.isEmpty() && !mainRouteTable;
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
        ? new CreateGatewayEndpoint(vpcId, serviceName, Lists.sortedUnion(routeTableIds, o.routeTableIds),
            Lists.sortedUnion(otherSubnetIds, o.otherSubnetIds), mainRouteTable || o.mainRouteTable) : null;
  }
}
