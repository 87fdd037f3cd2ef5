package dev.pullpath.aws;

import dev.pullpath.snapshot.ManagedPrefixList;
import dev.pullpath.snapshot.RouteTable;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.List;

/** The EC2 parts of a snapshot, read together because they share the VPC filter. */
record Network(
    List<Subnet> subnets,
    List<Vpc> vpcs,
    List<RouteTable> routeTables,
    List<VpcEndpoint> vpcEndpoints,
    List<SecurityGroup> securityGroups,
    List<ManagedPrefixList> managedPrefixLists) {

  static final Network EMPTY = new Network(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
}
