package dev.pullpath.rules;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.Cidr;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.Route;
import dev.pullpath.snapshot.RouteTable;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SecurityGroupRule;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Questions about security groups and routes that several rules ask. Security groups are stateful, so
 * one direction per hop is enough: ingress on the receiver, egress on the sender.
 */
final class NetworkPaths {
  private NetworkPaths() {}

  /**
   * Whether some rule in {@code rules} covers TCP {@code port} for traffic from (or to) {@code cidr} or
   * from (or to) one of {@code peerGroupIds}.
   */
  static boolean coversTcp(Collection<SecurityGroupRule> rules, int port, String cidr, Collection<String> peerGroupIds) {
    Cidr block = Cidr.parse(cidr);
    for (SecurityGroupRule rule : rules) {
      if (!rule.admitsTcpPort(port)) {
        continue;
      }
      if (rule.groupIds().stream().anyMatch(peerGroupIds::contains)) {
        return true;
      }
      // Snapshot CIDRs are validated IPv4 blocks when read, so they parse.
      if (rule.cidrs().stream().map(Cidr::parse).anyMatch(c -> c.contains(block))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether some rule covers TCP {@code port} to everywhere or to one of {@code prefixListIds} (to any
   * prefix list when the routes named none).
   */
  static boolean coversTcpToPrefixList(Collection<SecurityGroupRule> rules, int port, Set<String> prefixListIds) {
    for (SecurityGroupRule rule : rules) {
      if (!rule.admitsTcpPort(port)) {
        continue;
      }
      if (rule.cidrs().contains("0.0.0.0/0")) {
        return true;
      }
      if (rule.prefixListIds().stream().anyMatch(id -> prefixListIds.isEmpty() || prefixListIds.contains(id))) {
        return true;
      }
    }
    return false;
  }

  static List<SecurityGroupRule> ingressOf(List<SecurityGroup> groups) {
    return groups.stream().flatMap(g -> g.ingress().stream()).toList();
  }

  static List<SecurityGroupRule> egressOf(List<SecurityGroup> groups) {
    return groups.stream().flatMap(g -> g.egress().stream()).toList();
  }

  /** The effective route tables of the workload's subnets, each once. */
  static Set<RouteTable> routeTablesOf(AccountSnapshot snapshot, EcsService service) {
    Set<RouteTable> tables = new LinkedHashSet<>();
    for (Subnet subnet : snapshot.subnetsOf(service)) {
      snapshot.effectiveRouteTable(subnet).ifPresent(tables::add);
    }
    return tables;
  }

  /** The S3 gateway endpoints serving at least one of the workload's route tables. */
  static List<VpcEndpoint> s3GatewaysOf(AccountSnapshot snapshot, EcsService service) {
    Set<String> tableIds = new LinkedHashSet<>();
    routeTablesOf(snapshot, service).forEach(t -> tableIds.add(t.routeTableId()));
    return snapshot.endpointsOfRouteTables(tableIds).stream()
        .filter(e -> e.isGateway() && e.isAvailable() && e.serviceName().equals(snapshot.endpointServiceName("s3")))
        .filter(e -> e.routeTableIds().stream().anyMatch(tableIds::contains))
        .toList();
  }

  /** The prefix lists the workload's route tables send to the given gateway endpoints (the S3 list). */
  static Set<String> prefixListsRoutedTo(AccountSnapshot snapshot, EcsService service, List<VpcEndpoint> gateways) {
    Set<String> ids = new LinkedHashSet<>();
    for (RouteTable table : routeTablesOf(snapshot, service)) {
      for (Route route : table.routes()) {
        if (route.destinationPrefixListId() != null
            && gateways.stream().anyMatch(g -> g.vpcEndpointId().equals(route.targetId()))) {
          ids.add(route.destinationPrefixListId());
        }
      }
    }
    return ids;
  }

  /**
   * Whether tasks of the workload in this subnet reach the internet: a default route through a NAT
   * gateway, or through an internet gateway when the tasks get a public IP (without one an IGW route
   * leads nowhere).
   */
  static boolean hasInternetPath(AccountSnapshot snapshot, EcsService service, Subnet subnet) {
    return snapshot.effectiveRouteTable(subnet).stream()
        .flatMap(t -> t.routes().stream())
        .anyMatch(r -> r.isDefaultRouteVia(Route.TargetType.NAT)
            || (service.assignPublicIp() && r.isDefaultRouteVia(Route.TargetType.IGW)));
  }

  /**
   * Whether every subnet of the workload reaches the internet, so its pulls work without the private
   * path. A task may start in any of its subnets, so one subnet without it is enough to need the endpoints.
   */
  static boolean hasInternetPath(AccountSnapshot snapshot, EcsService service) {
    List<Subnet> subnets = snapshot.subnetsOf(service);
    return !subnets.isEmpty() && subnets.stream().allMatch(s -> hasInternetPath(snapshot, service, s));
  }
}
