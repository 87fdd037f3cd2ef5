package dev.pullpath.fix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * PP003: associates the route tables of task subnets with the VPC's existing S3 gateway endpoint.
 *
 * @param otherSubnetIds subnets without ECS tasks that use these route tables too: their S3 traffic goes through
 *     the endpoint, and under its policy, from then on, so the step changes more than the pull path
 * @param mainRouteTable one of the tables is its VPC's main table, which every subnet without a table of its own
 *     uses (a scan may not read those subnets: the step says so)
 */
public record AddGatewayRouteTables(String endpointId, List<String> routeTableIds,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> otherSubnetIds,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean mainRouteTable) implements EndpointAddition {
  public AddGatewayRouteTables {
    routeTableIds = Lists.sorted(routeTableIds);
    otherSubnetIds = otherSubnetIds == null ? List.of() : Lists.sorted(otherSubnetIds);
  }

  @Override
  public List<String> addedIds() {
    return routeTableIds;
  }

  @Override
  public Added added() {
    return ROUTE_TABLES;
  }

  @Override
  public String describe() {
    return "Associate route tables " + String.join(", ", routeTableIds) + " with gateway endpoint " + endpointId
        + GatewayRouting.othersRouted(otherSubnetIds, mainRouteTable);
  }

  @Override
  public boolean additive() {
    return otherSubnetIds.isEmpty() && !mainRouteTable;
  }

  @Override
  public String costNote() {
    return "S3 gateway endpoint: no charge";
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.addEndpointRouteTables(endpointId, routeTableIds);
  }

  @Override
  public FixAction mergeWith(FixAction other) {
    return other instanceof AddGatewayRouteTables o && o.endpointId.equals(endpointId)
        ? new AddGatewayRouteTables(endpointId, Lists.sortedUnion(routeTableIds, o.routeTableIds),
            Lists.sortedUnion(otherSubnetIds, o.otherSubnetIds), mainRouteTable || o.mainRouteTable) : null;
  }
}
