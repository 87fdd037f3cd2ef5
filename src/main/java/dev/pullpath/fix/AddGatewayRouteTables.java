package dev.pullpath.fix;

import java.util.List;

/** PP003: associates the route tables of task subnets with the VPC's existing S3 gateway endpoint. */
public record AddGatewayRouteTables(String endpointId, List<String> routeTableIds) implements EndpointAddition {
  public AddGatewayRouteTables {
    routeTableIds = Lists.sorted(routeTableIds);
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
    return "Associate route tables " + String.join(", ", routeTableIds) + " with gateway endpoint " + endpointId;
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
        ? new AddGatewayRouteTables(endpointId, Lists.sortedUnion(routeTableIds, o.routeTableIds)) : null;
  }
}
