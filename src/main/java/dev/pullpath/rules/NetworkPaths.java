package dev.pullpath.rules;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.Cidr;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.ManagedPrefixList;
import dev.pullpath.snapshot.Route;
import dev.pullpath.snapshot.RouteTable;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SecurityGroupRule;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Questions about security groups and routes that several rules ask. Security groups are stateful, so
 * one direction per hop is enough: ingress on the receiver, egress on the sender.
 */
final class NetworkPaths {
  private NetworkPaths() {}

  /**
   * What security group rules let through to (or from) one address block.
   *
   * @param unreadablePrefixLists prefix lists named by rules for the port whose entries the collector could
   *     not read: when the block is not covered without them, the answer cannot be decided
   */
  record Reach(boolean covered, Set<String> unreadablePrefixLists) {
    boolean undecided() {
      return !covered && !unreadablePrefixLists.isEmpty();
    }
  }

  /**
   * Whether the rules together cover TCP {@code port} for traffic from (or to) {@code cidr}, or from (or to)
   * one of {@code peerGroupIds}. Rules add up: their CIDR blocks and the entries of the prefix lists they name
   * are joined before asking, so two /25 rules cover a /24.
   */
  static Reach coversTcp(
      AccountSnapshot snapshot, Collection<SecurityGroupRule> rules, int port, String cidr,
      Collection<String> peerGroupIds) {
    List<SecurityGroupRule> forPort = rules.stream().filter(r -> r.admitsTcpPort(port)).toList();
    if (forPort.stream().anyMatch(r -> r.groupIds().stream().anyMatch(peerGroupIds::contains))) {
      return new Reach(true, Set.of());
    }
    Set<String> unreadable = new LinkedHashSet<>();
    List<Cidr> blocks = blocksOf(snapshot, forPort, unreadable);
    return new Reach(Cidr.unionCovers(blocks, Cidr.parse(cidr)), unreadable);
  }

  /**
   * The IPv4 blocks the rules name, directly or through prefix lists. A prefix list missing from the
   * snapshot adds nothing; when the collector could not read the lists, its id goes to {@code unreadable}.
   */
  static List<Cidr> blocksOf(AccountSnapshot snapshot, Collection<SecurityGroupRule> rules, Set<String> unreadable) {
    List<Cidr> blocks = new ArrayList<>();
    boolean listsReadable = snapshot.isReadable(SnapshotPart.MANAGED_PREFIX_LISTS);
    for (SecurityGroupRule rule : rules) {
      // Snapshot CIDRs are validated IPv4 blocks when read, so they parse.
      rule.cidrs().stream().map(Cidr::parse).forEach(blocks::add);
      for (String id : rule.prefixListIds()) {
        Optional<ManagedPrefixList> list = snapshot.managedPrefixList(id);
        if (list.isPresent()) {
          blocks.addAll(list.get().ipv4Entries());
        } else if (!listsReadable) {
          unreadable.add(id);
        }
      }
    }
    return blocks;
  }

  /**
   * Whether the rules together let TCP {@code port} out to everywhere or to one of {@code prefixListIds}
   * (to any prefix list when the routes named none).
   */
  static boolean coversTcpToPrefixList(
      AccountSnapshot snapshot, Collection<SecurityGroupRule> rules, int port, Set<String> prefixListIds) {
    List<SecurityGroupRule> forPort = rules.stream().filter(r -> r.admitsTcpPort(port)).toList();
    if (forPort.stream().flatMap(r -> r.prefixListIds().stream())
        .anyMatch(id -> prefixListIds.isEmpty() || prefixListIds.contains(id))) {
      return true;
    }
    return Cidr.unionCovers(blocksOf(snapshot, forPort, new LinkedHashSet<>()), Cidr.EVERYWHERE);
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
   * How tasks reach AWS public endpoints (those of another region, or of a service without an endpoint).
   * {@code OPAQUE}: the default route leads to a transit gateway, a peered VPC, an appliance or a firewall,
   * which may well reach the internet, but pullpath cannot see past it.
   */
  enum Egress { INTERNET, OPAQUE, NONE }

  /**
   * The egress of tasks in one subnet: a default route through a NAT gateway, or through an internet gateway
   * when the tasks get a public IP (without one an IGW route leads nowhere), is the internet. Routes add up,
   * so 0.0.0.0/1 and 128.0.0.0/1 together are a default route.
   */
  static Egress egress(AccountSnapshot snapshot, EcsService service, Subnet subnet) {
    List<Route> routes = snapshot.effectiveRouteTable(subnet).map(RouteTable::routes).orElse(List.of());
    List<Cidr> internet = new ArrayList<>();
    List<Cidr> onward = new ArrayList<>();
    for (Route route : routes) {
      Optional<Cidr> destination = route.ipv4Destination();
      if (destination.isEmpty()) {
        continue;
      }
      if (leadsToInternet(service, route)) {
        internet.add(destination.get());
      } else if (isOpaque(route)) {
        onward.add(destination.get());
      }
    }
    if (Cidr.unionCovers(internet, Cidr.EVERYWHERE)) {
      return Egress.INTERNET;
    }
    onward.addAll(internet);
    return Cidr.unionCovers(onward, Cidr.EVERYWHERE) ? Egress.OPAQUE : Egress.NONE;
  }

  /** RFC 1918 and shared (RFC 6598) address space: no AWS public endpoint lives there. */
  static final List<Cidr> PRIVATE_BLOCKS = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
      Cidr.parse("192.168.0.0/16"), Cidr.parse("100.64.0.0/10"));

  /**
   * The routes of a subnet that lead public addresses somewhere pullpath cannot see past, for messages;
   * routes to private blocks (a peered VPC's CIDR) carry no traffic to AWS public endpoints.
   */
  static List<Route> opaqueRoutes(AccountSnapshot snapshot, Subnet subnet) {
    return snapshot.effectiveRouteTable(subnet).map(RouteTable::routes).orElse(List.of()).stream()
        .filter(r -> isOpaque(r) && r.ipv4Destination()
            .filter(d -> PRIVATE_BLOCKS.stream().noneMatch(p -> p.contains(d))).isPresent())
        .toList();
  }

  private static boolean leadsToInternet(EcsService service, Route route) {
    return route.targetType() == Route.TargetType.NAT
        || (service.assignPublicIp() && route.targetType() == Route.TargetType.IGW);
  }

  /** A CIDR route to an endpoint is a Gateway Load Balancer (firewall) endpoint also in older files. */
  private static boolean isOpaque(Route route) {
    return route.targetType().isOpaque() || route.targetType() == Route.TargetType.VPCE;
  }

  /**
   * The egress of the whole workload: a task may start in any of its subnets, so one subnet without a path
   * decides, and the internet only when every subnet has it.
   */
  static Egress egress(AccountSnapshot snapshot, EcsService service) {
    List<Subnet> subnets = snapshot.subnetsOf(service);
    if (subnets.isEmpty()) {
      return Egress.NONE;
    }
    List<Egress> each = subnets.stream().map(s -> egress(snapshot, service, s)).toList();
    if (each.contains(Egress.NONE)) {
      return Egress.NONE;
    }
    return each.stream().allMatch(e -> e == Egress.INTERNET) ? Egress.INTERNET : Egress.OPAQUE;
  }

  /** Whether tasks of the workload in this subnet reach the internet through a path pullpath can see. */
  static boolean hasInternetPath(AccountSnapshot snapshot, EcsService service, Subnet subnet) {
    return egress(snapshot, service, subnet) == Egress.INTERNET;
  }

  /**
   * Whether every subnet of the workload reaches the internet, so its pulls work without the private
   * path. A task may start in any of its subnets, so one subnet without it is enough to need the endpoints.
   */
  static boolean hasInternetPath(AccountSnapshot snapshot, EcsService service) {
    return egress(snapshot, service) == Egress.INTERNET;
  }
}
