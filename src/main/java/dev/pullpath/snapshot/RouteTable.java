package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A route table with its explicit subnet associations.
 *
 * @param main whether this is the VPC's main table, used by every subnet without an explicit association
 */
public record RouteTable(
    @JsonProperty(required = true) String routeTableId,
    @JsonProperty(required = true) String vpcId,
    boolean main,
    List<String> subnetIds,
    List<Route> routes) {

  public RouteTable {
    Validate.text(routeTableId, "routeTableId");
    Validate.text(vpcId, "vpcId");
    subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
    routes = routes == null ? List.of() : List.copyOf(routes);
  }
}
