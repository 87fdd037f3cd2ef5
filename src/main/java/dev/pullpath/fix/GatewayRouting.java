package dev.pullpath.fix;

import java.util.List;

/** What associating route tables with an S3 gateway endpoint does beyond the task subnets. */
final class GatewayRouting {
  private GatewayRouting() {}

  /**
   * The sentence a step's description ends with when its route tables also serve subnets without ECS tasks:
   * their S3 traffic then goes through the endpoint, under its policy (and a bucket policy conditioned on public
   * source IPs stops matching it), which is why such a step counts as changing existing configuration.
   */
  static String othersRouted(List<String> otherSubnetIds, boolean mainRouteTable) {
    if (otherSubnetIds.isEmpty() && !mainRouteTable) {
      return "";
    }
    String others = String.join(", ", otherSubnetIds);
    if (mainRouteTable) {
      return "; the VPC's main route table is among them, so the S3 traffic of every subnet without a route table of "
          + "its own" + (others.isEmpty() ? "" : " and of " + others) + " then goes through the endpoint and its policy too";
    }
    return "; the S3 traffic of " + others + " (subnets without ECS tasks on the same route tables) then goes through "
        + "the endpoint and its policy too";
  }
}
