package dev.pullpath.aws;

import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.ManagedPrefixList;
import dev.pullpath.snapshot.Route;
import dev.pullpath.snapshot.Route.TargetType;
import dev.pullpath.snapshot.RouteTable;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SecurityGroupRule;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.SecurityGroupIdentifier;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * The network around the services: subnets, VPCs and their DNS attributes, route tables, endpoints and
 * security groups. Every call is filtered server-side by VPC (or subnet) id and sent without MaxResults,
 * which makes EC2 answer in one page where it can; the paginators still follow any NextToken.
 */
final class Ec2Collector {
  /** EC2 accepts at most 200 values in one filter. */
  static final int FILTER_VALUES = 200;

  private final Ec2Client ec2;
  private final ScanContext scan;

  Ec2Collector(Ec2Client ec2, ScanContext scan) {
    this.ec2 = ec2;
    this.scan = scan;
  }

  /** The network of the given subnets: the subnets first, then everything of their VPCs. */
  CompletableFuture<Network> networkOfSubnets(Collection<String> subnetIds) {
    if (subnetIds.isEmpty()) {
      return CompletableFuture.completedFuture(Network.EMPTY);
    }
    CompletableFuture<List<Subnet>> subnets = subnets("subnet-id", List.copyOf(subnetIds));
    return subnets.thenCompose(found -> {
      List<String> vpcIds = found.stream().map(Subnet::vpcId).distinct().sorted().toList();
      return ofVpcs(vpcIds, subnets);
    });
  }

  /** The network of the given VPCs, every subnet included; all five reads start at once. */
  CompletableFuture<Network> networkOfVpcs(List<String> vpcIds) {
    if (vpcIds.isEmpty()) {
      return CompletableFuture.completedFuture(Network.EMPTY);
    }
    return ofVpcs(vpcIds, subnets("vpc-id", vpcIds));
  }

  private CompletableFuture<Network> ofVpcs(List<String> vpcIds, CompletableFuture<List<Subnet>> subnets) {
    if (vpcIds.isEmpty()) {
      return subnets.thenApply(s -> new Network(s, List.of(), List.of(), List.of(), List.of(), List.of()));
    }
    CompletableFuture<List<Vpc>> vpcs = vpcs(vpcIds);
    CompletableFuture<List<RouteTable>> routeTables = byVpc(vpcIds, SnapshotPart.ROUTE_TABLES,
        "ec2:DescribeRouteTables",
        f -> ec2.describeRouteTablesPaginator(b -> b.filters(f)).routeTables().stream().map(Ec2Collector::toRouteTable),
        RouteTable::routeTableId);
    CompletableFuture<List<VpcEndpoint>> endpoints = byVpc(vpcIds, SnapshotPart.VPC_ENDPOINTS,
        "ec2:DescribeVpcEndpoints",
        f -> ec2.describeVpcEndpointsPaginator(b -> b.filters(f)).vpcEndpoints().stream().map(Ec2Collector::toEndpoint),
        VpcEndpoint::vpcEndpointId);
    CompletableFuture<List<SecurityGroup>> groups = byVpc(vpcIds, SnapshotPart.SECURITY_GROUPS,
        "ec2:DescribeSecurityGroups",
        f -> ec2.describeSecurityGroupsPaginator(b -> b.filters(f)).securityGroups().stream()
            .map(Ec2Collector::toSecurityGroup),
        SecurityGroup::groupId);
    CompletableFuture<List<ManagedPrefixList>> prefixLists = groups.thenCompose(this::prefixListsNamedBy);
    return CompletableFuture.allOf(subnets, vpcs, routeTables, endpoints, groups, prefixLists)
        .thenApply(done -> new Network(subnets.join(), vpcs.join(), routeTables.join(), endpoints.join(),
            groups.join(), prefixLists.join()));
  }

  /**
   * The managed prefix lists the security groups' rules name, with their entries: a rule admitting a
   * customer-managed list admits whatever the list holds. Names come from one filtered
   * DescribeManagedPrefixLists per 200 ids, entries from one GetManagedPrefixListEntries per list.
   */
  private CompletableFuture<List<ManagedPrefixList>> prefixListsNamedBy(List<SecurityGroup> groups) {
    List<String> ids = groups.stream()
        .flatMap(g -> Stream.concat(g.ingress().stream(), g.egress().stream()))
        .flatMap(rule -> rule.prefixListIds().stream())
        .distinct().sorted().toList();
    if (ids.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    CompletableFuture<Map<String, String>> names = byIds(ids, "prefix-list-id", SnapshotPart.MANAGED_PREFIX_LISTS,
        "ec2:DescribeManagedPrefixLists",
        f -> ec2.describeManagedPrefixListsPaginator(b -> b.filters(f)).prefixLists().stream(),
        software.amazon.awssdk.services.ec2.model.ManagedPrefixList::prefixListId)
        .thenApply(lists -> lists.stream().collect(Collectors.toMap(
            software.amazon.awssdk.services.ec2.model.ManagedPrefixList::prefixListId,
            l -> l.prefixListName() == null ? "" : l.prefixListName())));
    List<CompletableFuture<List<ManagedPrefixList>>> lists = ids.stream()
        .map(id -> scan.call(SnapshotPart.MANAGED_PREFIX_LISTS, "ec2:GetManagedPrefixListEntries",
                () -> ec2.getManagedPrefixListEntriesPaginator(b -> b.prefixListId(id)).entries().stream()
                    .map(PrefixListEntry::cidr).toList(),
                (List<String>) null)
            .thenCombine(names, (entries, known) -> entries == null
                ? List.<ManagedPrefixList>of()
                : List.of(new ManagedPrefixList(id, emptyToNull(known.get(id)), entries))))
        .toList();
    return ScanContext.flatten(lists);
  }

  private CompletableFuture<List<Subnet>> subnets(String filterName, List<String> ids) {
    return byIds(ids, filterName, SnapshotPart.SUBNETS, "ec2:DescribeSubnets",
        f -> ec2.describeSubnetsPaginator(b -> b.filters(f)).subnets().stream()
            .map(s -> new Subnet(s.subnetId(), s.vpcId(), s.availabilityZone(), s.cidrBlock())),
        Subnet::subnetId);
  }

  /** DescribeVpcs and, for each VPC, its two DNS attributes: all at once, since the ids are known. */
  private CompletableFuture<List<Vpc>> vpcs(List<String> vpcIds) {
    CompletableFuture<Map<String, String>> cidrs = byVpc(vpcIds, SnapshotPart.VPCS, "ec2:DescribeVpcs",
        f -> ec2.describeVpcsPaginator(b -> b.filters(f)).vpcs().stream(),
        software.amazon.awssdk.services.ec2.model.Vpc::vpcId)
        .thenApply(list -> list.stream().collect(Collectors.toMap(
            software.amazon.awssdk.services.ec2.model.Vpc::vpcId,
            v -> v.cidrBlock() == null ? "" : v.cidrBlock())));
    List<CompletableFuture<List<Vpc>>> withAttributes = vpcIds.stream().map(id -> {
      CompletableFuture<Boolean> dnsSupport = attribute(id, VpcAttributeName.ENABLE_DNS_SUPPORT);
      CompletableFuture<Boolean> dnsHostnames = attribute(id, VpcAttributeName.ENABLE_DNS_HOSTNAMES);
      return cidrs.thenCombine(dnsSupport.thenCombine(dnsHostnames, List::of), (known, dns) -> known.containsKey(id)
          ? List.of(new Vpc(id, emptyToNull(known.get(id)), dns.get(0), dns.get(1)))
          : List.<Vpc>of());
    }).toList();
    return ScanContext.flatten(withAttributes);
  }

  private CompletableFuture<Boolean> attribute(String vpcId, VpcAttributeName name) {
    return scan.call(SnapshotPart.VPCS, "ec2:DescribeVpcAttribute", () -> {
      try {
        var answer = ec2.describeVpcAttribute(b -> b.vpcId(vpcId).attribute(name));
        var value = name == VpcAttributeName.ENABLE_DNS_SUPPORT ? answer.enableDnsSupport() : answer.enableDnsHostnames();
        return value != null && Boolean.TRUE.equals(value.value());
      } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception e) {
        // Asked in parallel with DescribeVpcs, so a --vpc that does not exist is refused here too: that
        // VPC is simply absent (DescribeVpcs leaves it out), not an unreadable part.
        if ("InvalidVpcID.NotFound".equals(ErrorKind.errorCode(e))) {
          return false;
        }
        throw e;
      }
    }, false);
  }

  private <T> CompletableFuture<List<T>> byVpc(
      List<String> vpcIds, SnapshotPart part, String action, Function<Filter, Stream<T>> read, Function<T, String> id) {
    return byIds(vpcIds, "vpc-id", part, action, read, id);
  }

  /** One paginated read per 200 ids, results sorted by id so the snapshot does not depend on timing. */
  private <T> CompletableFuture<List<T>> byIds(
      List<String> ids, String filterName, SnapshotPart part, String action,
      Function<Filter, Stream<T>> read, Function<T, String> id) {
    List<CompletableFuture<List<T>>> reads = ScanContext.chunks(ids, FILTER_VALUES).stream()
        .map(chunk -> scan.call(part, action,
            () -> read.apply(Filter.builder().name(filterName).values(chunk).build()).toList(), List.<T>of()))
        .toList();
    return ScanContext.flatten(reads).thenApply(all -> all.stream().sorted(Comparator.comparing(id)).toList());
  }

  static RouteTable toRouteTable(software.amazon.awssdk.services.ec2.model.RouteTable table) {
    boolean main = table.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main()));
    // Only explicit associations name a subnet; subnets without one use the main table.
    List<String> subnetIds = table.associations().stream()
        .map(RouteTableAssociation::subnetId)
        .filter(id -> id != null)
        .toList();
    List<Route> routes = table.routes().stream().map(Ec2Collector::toRoute).toList();
    return new RouteTable(table.routeTableId(), table.vpcId(), main, subnetIds, routes);
  }

  static Route toRoute(software.amazon.awssdk.services.ec2.model.Route r) {
    String destination = r.destinationCidrBlock() != null ? r.destinationCidrBlock() : r.destinationIpv6CidrBlock();
    String target = Stream.of(r.gatewayId(), r.natGatewayId(), r.transitGatewayId(), r.vpcPeeringConnectionId(),
            r.networkInterfaceId(), r.instanceId(), r.egressOnlyInternetGatewayId(), r.carrierGatewayId(),
            r.localGatewayId(), r.coreNetworkArn())
        .filter(id -> id != null)
        .findFirst()
        .orElse(null);
    // A blackhole route (its NAT gateway or endpoint deleted) carries no traffic: never an internet path.
    TargetType type = "blackhole".equals(r.stateAsString()) ? TargetType.BLACKHOLE : targetType(r, target);
    return new Route(destination, r.destinationPrefixListId(), type, target);
  }

  private static TargetType targetType(software.amazon.awssdk.services.ec2.model.Route r, String target) {
    if (r.natGatewayId() != null) {
      return TargetType.NAT;
    }
    if (r.transitGatewayId() != null) {
      return TargetType.TGW;
    }
    if (r.vpcPeeringConnectionId() != null) {
      return TargetType.PEERING;
    }
    if (r.networkInterfaceId() != null || r.instanceId() != null) {
      return TargetType.ENI;
    }
    if (r.coreNetworkArn() != null) {
      return TargetType.CORE_NETWORK;
    }
    if (target == null) {
      return TargetType.OTHER;
    }
    if (target.equals("local")) {
      return TargetType.LOCAL;
    }
    if (target.startsWith("igw-")) {
      return TargetType.IGW;
    }
    if (target.startsWith("nat-")) {
      return TargetType.NAT;
    }
    if (target.startsWith("vpce-")) {
      // A gateway endpoint is routed to by prefix list; a CIDR route to an endpoint goes to a Gateway Load
      // Balancer or Network Firewall endpoint.
      return r.destinationCidrBlock() != null || r.destinationIpv6CidrBlock() != null
          ? TargetType.GWLBE : TargetType.VPCE;
    }
    return TargetType.OTHER;
  }

  static VpcEndpoint toEndpoint(software.amazon.awssdk.services.ec2.model.VpcEndpoint e) {
    String policy = e.policyDocument();
    return new VpcEndpoint(
        e.vpcEndpointId(),
        e.vpcId(),
        e.serviceName(),
        e.vpcEndpointTypeAsString(),
        e.stateAsString(),
        e.subnetIds(),
        e.routeTableIds(),
        e.groups().stream().map(SecurityGroupIdentifier::groupId).toList(),
        Boolean.TRUE.equals(e.privateDnsEnabled()),
        policy == null || policy.isBlank() ? null : PolicyDocument.parse(policy));
  }

  static SecurityGroup toSecurityGroup(software.amazon.awssdk.services.ec2.model.SecurityGroup g) {
    return new SecurityGroup(
        g.groupId(),
        g.groupName(),
        g.vpcId(),
        g.ipPermissions().stream().map(Ec2Collector::toRule).toList(),
        g.ipPermissionsEgress().stream().map(Ec2Collector::toRule).toList());
  }

  private static SecurityGroupRule toRule(IpPermission p) {
    return new SecurityGroupRule(
        p.ipProtocol(),
        p.fromPort(),
        p.toPort(),
        p.ipRanges().stream().map(IpRange::cidrIp).toList(),
        p.ipv6Ranges().stream().map(Ipv6Range::cidrIpv6).toList(),
        p.userIdGroupPairs().stream().map(UserIdGroupPair::groupId).toList(),
        p.prefixListIds().stream().map(PrefixListId::prefixListId).toList());
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
