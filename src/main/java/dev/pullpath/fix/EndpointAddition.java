package dev.pullpath.fix;

import dev.pullpath.snapshot.VpcEndpoint;
import java.util.List;
import java.util.function.Function;

/**
 * A step that adds what an existing endpoint lacks: subnets in more AZs (interface endpoints) or route tables
 * (gateway endpoints). Both are one ModifyVpcEndpoint call and done once the endpoint lists every id added, so
 * {@link AddEndpointSubnets} and {@link AddGatewayRouteTables} differ only in what they add.
 */
interface EndpointAddition extends FixAction {
  String endpointId();

  /** The ids added, sorted. */
  List<String> addedIds();

  Added added();

  /** What is added, in each of the names EC2, its CLI, IAM and a person know it by. */
  record Added(String label, String apiParameter, String cliOption, String arnResourceType,
      Function<VpcEndpoint, List<String>> ofEndpoint) {}

  Added SUBNETS = new Added("subnets", "AddSubnetIds", "--add-subnet-ids", "subnet", VpcEndpoint::subnetIds);
  Added ROUTE_TABLES =
      new Added("route tables", "AddRouteTableIds", "--add-route-table-ids", "route-table", VpcEndpoint::routeTableIds);

  @Override
  default int phase() {
    return Phase.ENDPOINTS;
  }

  @Override
  default String target() {
    return endpointId();
  }

  @Override
  default ApiCall call(String region) {
    return EndpointModification.call(endpointId(), added().apiParameter(), addedIds());
  }

  @Override
  default String awsCli(String region) {
    return EndpointModification.command(region, endpointId()).option(added().cliOption(), addedIds()).toString();
  }

  @Override
  default boolean additive() {
    return true;
  }

  @Override
  default List<String> iamActions() {
    return EndpointModification.iamActions();
  }

  @Override
  default List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "vpc-endpoint", endpointId()),
        Arns.ec2(region, accountId, added().arnResourceType(), "*"));
  }

  @Override
  default String observe(AccountReader account) {
    return EndpointModification.observe(account, endpointId(),
        e -> e.state() + " " + added().label() + " " + Lists.sorted(added().ofEndpoint().apply(e)));
  }

  @Override
  default boolean isDone(AccountReader account) {
    return EndpointModification.holds(account, endpointId(), e -> added().ofEndpoint().apply(e).containsAll(addedIds()));
  }
}
