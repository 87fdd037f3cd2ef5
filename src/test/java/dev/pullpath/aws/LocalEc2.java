package dev.pullpath.aws;

import static dev.pullpath.aws.AwsWire.element;
import static dev.pullpath.aws.AwsWire.members;
import static dev.pullpath.aws.AwsWire.one;

import dev.pullpath.aws.AwsWire.Answer;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ManagedPrefixList;
import dev.pullpath.snapshot.Route;
import dev.pullpath.snapshot.RouteTable;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SecurityGroupRule;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The EC2 part of {@link LocalAccountServer}: VPCs and their DNS attributes, subnets, route tables,
 * endpoints, security groups and prefix lists, read and changed in the EC2 query protocol.
 */
final class LocalEc2 {
  private static final String DEFAULT_ENDPOINT_POLICY =
      "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\","
          + "\"Resource\":\"*\"}]}";

  private final String region;
  private final Map<String, Vpc> vpcs = new LinkedHashMap<>();
  private final List<Subnet> subnets;
  private final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
  private final Map<String, VpcEndpoint> endpoints = new LinkedHashMap<>();
  private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
  /** Client tokens of CreateVpcEndpoint, to the endpoint they created: EC2 answers a repeat with that one. */
  private final Map<String, String> clientTokens = new LinkedHashMap<>();
  private final Map<String, ManagedPrefixList> prefixLists = new LinkedHashMap<>();
  private int created;

  LocalEc2(AccountSnapshot seed) {
    this.region = seed.region();
    seed.vpcs().forEach(v -> vpcs.put(v.vpcId(), v));
    this.subnets = seed.subnets();
    seed.routeTables().forEach(t -> routeTables.put(t.routeTableId(), t));
    seed.vpcEndpoints().forEach(e -> endpoints.put(e.vpcEndpointId(), e));
    seed.securityGroups().forEach(g -> groups.put(g.groupId(), g));
    seed.managedPrefixLists().forEach(l -> prefixLists.put(l.prefixListId(), l));
    String s3 = s3PrefixList();
    prefixLists.putIfAbsent(s3, new ManagedPrefixList(s3, "com.amazonaws." + region + ".s3",
        List.of("52.219.0.0/20", "3.5.152.0/21")));
  }

  /** The tags a resource (endpoint, security group) was created with. */
  Map<String, String> tagsOf(String resourceId) {
    return tags.getOrDefault(resourceId, Map.of());
  }

  /** The endpoints of the service ({@code com.amazonaws.REGION.ecr.api}) in the account, by id. */
  List<String> endpointsOf(String serviceName) {
    return endpoints.values().stream().filter(e -> e.serviceName().equals(serviceName)).map(VpcEndpoint::vpcEndpointId)
        .toList();
  }

  PolicyDocument endpointPolicy(String endpointId) {
    return endpoints.get(endpointId).policyDocument();
  }

  void setEndpointPolicy(String endpointId, PolicyDocument policy) {
    endpoints.put(endpointId, withPolicy(endpoints.get(endpointId), policy));
  }

  Answer answer(String action, Map<String, List<String>> p, String requestId) {
    Map<String, List<String>> filters = filters(p);
    StringBuilder x = new StringBuilder();
    switch (action) {
      case "DescribeSubnets" -> {
        x.append("<subnetSet>");
        subnets.stream().filter(s -> matches(filters, "subnet-id", s.subnetId()) && matches(filters, "vpc-id", s.vpcId()))
            .forEach(s -> x.append("<item>").append(element("subnetId", s.subnetId())).append(element("vpcId", s.vpcId()))
                .append(element("cidrBlock", s.cidrBlock())).append(element("availabilityZone", s.availabilityZone()))
                .append("</item>"));
        x.append("</subnetSet>");
      }
      case "DescribeVpcs" -> {
        x.append("<vpcSet>");
        vpcs.values().stream().filter(v -> matches(filters, "vpc-id", v.vpcId()))
            .forEach(v -> x.append("<item>").append(element("vpcId", v.vpcId())).append(element("cidrBlock", v.cidrBlock()))
                .append("</item>"));
        x.append("</vpcSet>");
      }
      case "DescribeVpcAttribute" -> {
        Vpc vpc = vpcs.get(one(p, "VpcId"));
        if (vpc == null) {
          return AwsWire.ec2Error(400, "InvalidVpcID.NotFound", "The vpc ID '" + one(p, "VpcId") + "' does not exist");
        }
        String attribute = one(p, "Attribute");
        boolean value = attribute.equals("enableDnsSupport") ? vpc.enableDnsSupport() : vpc.enableDnsHostnames();
        x.append(element("vpcId", vpc.vpcId())).append('<').append(attribute).append('>').append(element("value", value))
            .append("</").append(attribute).append('>');
      }
      case "ModifyVpcAttribute" -> {
        Vpc vpc = vpcs.get(one(p, "VpcId"));
        String support = one(p, "EnableDnsSupport.Value");
        String hostnames = one(p, "EnableDnsHostnames.Value");
        if (vpc == null) {
          return AwsWire.ec2Error(400, "InvalidVpcID.NotFound", "The vpc ID does not exist");
        }
        if ((support == null) == (hostnames == null)) {
          return AwsWire.ec2Error(400, "InvalidParameterCombination", "Only one attribute can be modified at a time");
        }
        boolean newSupport = support == null ? vpc.enableDnsSupport() : Boolean.parseBoolean(support);
        boolean newHostnames = hostnames == null ? vpc.enableDnsHostnames() : Boolean.parseBoolean(hostnames);
        if (newHostnames && !newSupport) {
          return AwsWire.ec2Error(400, "InvalidParameterValue",
              "DNS hostnames can only be enabled in a VPC that supports DNS resolution");
        }
        vpcs.put(vpc.vpcId(), new Vpc(vpc.vpcId(), vpc.cidrBlock(), newSupport, newHostnames));
        x.append(element("return", true));
      }
      case "DescribeRouteTables" -> {
        x.append("<routeTableSet>");
        routeTables.values().stream().filter(t -> matches(filters, "vpc-id", t.vpcId())).forEach(t -> routeTable(x, t));
        x.append("</routeTableSet>");
      }
      case "DescribeVpcEndpoints" -> {
        return describe(action, requestId, "vpcEndpointSet", members(p, "VpcEndpointId."), endpoints,
            "InvalidVpcEndpointId.NotFound",
            e -> matches(filters, "vpc-id", e.vpcId()) && matches(filters, "service-name", e.serviceName())
                && matches(filters, "vpc-endpoint-type", e.type()),
            e -> endpoint(e, e.state()));
      }
      case "CreateVpcEndpoint" -> {
        return createVpcEndpoint(p, requestId);
      }
      case "ModifyVpcEndpoint" -> {
        return modifyVpcEndpoint(p, requestId);
      }
      case "DescribeSecurityGroups" -> {
        return describe(action, requestId, "securityGroupInfo", members(p, "GroupId."), groups, "InvalidGroup.NotFound",
            g -> matches(filters, "vpc-id", g.vpcId()) && matches(filters, "group-name", g.groupName())
                && matches(filters, "group-id", g.groupId()),
            g -> element("groupId", g.groupId()) + element("groupName", g.groupName()) + element("vpcId", g.vpcId())
                + permissions("ipPermissions", g.ingress()) + permissions("ipPermissionsEgress", g.egress()));
      }
      case "CreateSecurityGroup" -> {
        String vpcId = one(p, "VpcId");
        String name = one(p, "GroupName");
        if (groups.values().stream().anyMatch(g -> g.vpcId().equals(vpcId) && g.groupName().equals(name))) {
          return AwsWire.ec2Error(400, "InvalidGroup.Duplicate", "The security group '" + name + "' already exists for "
              + "VPC '" + vpcId + "'");
        }
        String id = newId("sg-");
        // A new group lets everything out and nothing in, as EC2 creates it.
        groups.put(id, new SecurityGroup(id, name, vpcId, List.of(),
            List.of(new SecurityGroupRule("-1", null, null, List.of("0.0.0.0/0"), List.of(), List.of(), List.of()))));
        tags.put(id, tagSpecification(p));
        x.append(element("groupId", id));
      }
      case "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress" -> {
        SecurityGroup g = groups.get(one(p, "GroupId"));
        if (g == null) {
          return AwsWire.ec2Error(400, "InvalidGroup.NotFound", "The security group '" + one(p, "GroupId")
              + "' does not exist");
        }
        boolean ingress = action.endsWith("Ingress");
        List<SecurityGroupRule> rules = new ArrayList<>(ingress ? g.ingress() : g.egress());
        for (SecurityGroupRule wanted : ipPermissions(p)) {
          for (SecurityGroupRule peer : peers(wanted)) {
            if (rules.stream().flatMap(r -> peers(r).stream()).anyMatch(peer::equals)) {
              return AwsWire.ec2Error(400, "InvalidPermission.Duplicate", "the specified rule \"peer: "
                  + String.join(",", Stream.of(peer.cidrs(), peer.groupIds(), peer.prefixListIds()).flatMap(List::stream)
                  .toList()) + ", TCP, from port: " + peer.fromPort() + ", to port: " + peer.toPort()
                  + ", ALLOW\" already exists");
            }
          }
          merge(rules, wanted);
        }
        groups.put(g.groupId(), ingress ? new SecurityGroup(g.groupId(), g.groupName(), g.vpcId(), rules, g.egress())
            : new SecurityGroup(g.groupId(), g.groupName(), g.vpcId(), g.ingress(), rules));
        x.append(element("return", true));
      }
      case "DescribeManagedPrefixLists" -> {
        x.append("<prefixListSet>");
        prefixLists.values().stream().filter(l -> matches(filters, "prefix-list-id", l.prefixListId()))
            .forEach(l -> x.append("<item>").append(element("prefixListId", l.prefixListId()))
                .append(element("prefixListName", l.name())).append(element("addressFamily", "IPv4")).append("</item>"));
        x.append("</prefixListSet>");
      }
      case "GetManagedPrefixListEntries" -> {
        ManagedPrefixList list = prefixLists.get(one(p, "PrefixListId"));
        if (list == null) {
          return AwsWire.ec2Error(400, "InvalidPrefixListID.NotFound", "The prefix list ID does not exist");
        }
        x.append("<entrySet>");
        list.entries().forEach(c -> x.append("<item>").append(element("cidr", c)).append("</item>"));
        x.append("</entrySet>");
      }
      default -> throw new IllegalArgumentException("ec2 has no operation " + action + " here");
    }
    return AwsWire.ec2(action, requestId, x.toString());
  }

  private Answer createVpcEndpoint(Map<String, List<String>> p, String requestId) {
    String token = one(p, "ClientToken");
    if (token != null && clientTokens.containsKey(token)) {
      VpcEndpoint again = endpoints.get(clientTokens.get(token));
      return AwsWire.ec2("CreateVpcEndpoint", requestId, "<vpcEndpoint>" + endpoint(again, again.state())
          + "</vpcEndpoint>" + element("clientToken", token));
    }
    String vpcId = one(p, "VpcId");
    String serviceName = one(p, "ServiceName");
    String type = Optional.ofNullable(one(p, "VpcEndpointType")).orElse("Gateway");
    Vpc vpc = vpcs.get(vpcId);
    if (vpc == null) {
      return AwsWire.ec2Error(400, "InvalidVpcId.NotFound", "The Vpc Id '" + vpcId + "' does not exist");
    }
    List<String> subnetIds = members(p, "SubnetId.");
    List<String> routeTableIds = members(p, "RouteTableId.");
    List<String> groupIds = members(p, "SecurityGroupId.");
    boolean interfaceType = type.equals("Interface");
    boolean privateDns = interfaceType && !"false".equals(one(p, "PrivateDnsEnabled"));
    Answer refused = interfaceType ? refuseSubnets(vpcId, subnetIds, List.of()) : refuseRouteTables(vpcId, routeTableIds);
    if (refused != null) {
      return refused;
    }
    for (String groupId : groupIds) {
      if (!groups.containsKey(groupId) || !groups.get(groupId).vpcId().equals(vpcId)) {
        return AwsWire.ec2Error(400, "InvalidSecurityGroupId.NotFound", "The security group '" + groupId
            + "' does not exist in VPC '" + vpcId + "'");
      }
    }
    if (privateDns && !(vpc.enableDnsSupport() && vpc.enableDnsHostnames())) {
      return AwsWire.ec2Error(400, "InvalidParameter", "Enabling private DNS requires both enableDnsSupport and "
          + "enableDnsHostnames VPC attributes set to true for " + vpcId);
    }
    boolean conflict = privateDns && endpoints.values().stream().anyMatch(e -> e.vpcId().equals(vpcId)
        && e.serviceName().equals(serviceName) && e.privateDnsEnabled());
    if (conflict) {
      return AwsWire.ec2Error(400, "InvalidParameter", "private-dns-enabled cannot be set because there is already a "
          + "conflicting DNS domain for " + serviceName + " in the VPC " + vpcId);
    }
    String id = newId("vpce-");
    String policy = Optional.ofNullable(one(p, "PolicyDocument")).orElse(DEFAULT_ENDPOINT_POLICY);
    VpcEndpoint endpoint = new VpcEndpoint(id, vpcId, serviceName, type, "available", subnetIds, routeTableIds,
        interfaceType && groupIds.isEmpty() ? List.of(defaultGroup(vpcId)) : groupIds, privateDns,
        PolicyDocument.parse(policy));
    endpoints.put(id, endpoint);
    routeTableIds.forEach(t -> routeToS3(t, id));
    tags.put(id, tagSpecification(p));
    if (token != null) {
      clientTokens.put(token, id);
    }
    // Interface endpoints take minutes in AWS; here the answer says pending and the next describe available.
    return AwsWire.ec2("CreateVpcEndpoint", requestId, "<vpcEndpoint>"
        + endpoint(endpoint, interfaceType ? "pending" : "available") + "</vpcEndpoint>"
        + (token == null ? "" : element("clientToken", token)));
  }

  private Answer modifyVpcEndpoint(Map<String, List<String>> p, String requestId) {
    VpcEndpoint e = endpoints.get(one(p, "VpcEndpointId"));
    if (e == null) {
      return AwsWire.ec2Error(400, "InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '" + one(p, "VpcEndpointId")
          + "' does not exist");
    }
    List<String> addSubnets = members(p, "AddSubnetId.");
    List<String> addTables = members(p, "AddRouteTableId.");
    List<String> addGroups = members(p, "AddSecurityGroupId.");
    Answer refused = addSubnets.isEmpty() ? null : refuseSubnets(e.vpcId(), addSubnets, e.subnetIds());
    refused = refused != null || addTables.isEmpty() ? refused : refuseRouteTables(e.vpcId(), addTables);
    if (refused != null) {
      return refused;
    }
    List<String> subnetIds = union(e.subnetIds(), addSubnets);
    List<String> tableIds = union(e.routeTableIds(), addTables);
    addTables.forEach(t -> routeToS3(t, e.vpcEndpointId()));
    PolicyDocument policy = e.policyDocument();
    if (one(p, "PolicyDocument") != null) {
      policy = PolicyDocument.parse(one(p, "PolicyDocument"));
      if (!policy.isParsable()) {
        return AwsWire.ec2Error(400, "InvalidPolicyDocument", "The policy document is malformed");
      }
    }
    endpoints.put(e.vpcEndpointId(), new VpcEndpoint(e.vpcEndpointId(), e.vpcId(), e.serviceName(), e.type(),
        e.state(), subnetIds, tableIds, union(e.securityGroupIds(), addGroups), e.privateDnsEnabled(), policy));
    return AwsWire.ec2("ModifyVpcEndpoint", requestId, element("return", true));
  }

  /** EC2 places an interface endpoint's network interfaces in at most one subnet per Availability Zone. */
  private Answer refuseSubnets(String vpcId, List<String> added, List<String> existing) {
    List<String> zones = new ArrayList<>();
    for (String id : union(existing, added)) {
      Optional<Subnet> subnet = subnets.stream().filter(s -> s.subnetId().equals(id) && s.vpcId().equals(vpcId))
          .findFirst();
      if (subnet.isEmpty()) {
        return AwsWire.ec2Error(400, "InvalidSubnetId.NotFound", "The subnet ID '" + id + "' does not exist in " + vpcId);
      }
      if (zones.contains(subnet.get().availabilityZone())) {
        return AwsWire.ec2Error(400, "DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the "
            + "availability zone of " + id);
      }
      zones.add(subnet.get().availabilityZone());
    }
    return null;
  }

  private Answer refuseRouteTables(String vpcId, List<String> tableIds) {
    for (String id : tableIds) {
      if (!routeTables.containsKey(id) || !routeTables.get(id).vpcId().equals(vpcId)) {
        return AwsWire.ec2Error(400, "InvalidRouteTableId.NotFound", "The routeTable ID '" + id + "' does not exist");
      }
    }
    return null;
  }

  /** A gateway endpoint is reached through a route to the service's prefix list, which EC2 adds itself. */
  private void routeToS3(String tableId, String endpointId) {
    RouteTable t = routeTables.get(tableId);
    List<Route> routes = new ArrayList<>(t.routes());
    routes.add(new Route(null, s3PrefixList(), Route.TargetType.VPCE, endpointId));
    routeTables.put(tableId, new RouteTable(t.routeTableId(), t.vpcId(), t.main(), t.subnetIds(), routes));
  }

  /** The S3 prefix list of the region, as a seed route names it (ap-northeast-1's otherwise). */
  private String s3PrefixList() {
    return routeTables.values().stream().flatMap(t -> t.routes().stream())
        .filter(r -> r.destinationPrefixListId() != null && r.targetId() != null
            && endpoints.containsKey(r.targetId()) && endpoints.get(r.targetId()).serviceName().endsWith(".s3"))
        .map(Route::destinationPrefixListId).findFirst().orElse("pl-61a54008");
  }

  /** The VPC's default group, which EC2 gives an interface endpoint created without one. */
  private String defaultGroup(String vpcId) {
    return groups.values().stream().filter(g -> g.vpcId().equals(vpcId) && g.groupName().equals("default"))
        .map(SecurityGroup::groupId).findFirst().orElseThrow(() -> new IllegalArgumentException("no default group"));
  }

  private String endpoint(VpcEndpoint e, String state) {
    StringBuilder x = new StringBuilder();
    x.append(element("vpcEndpointId", e.vpcEndpointId())).append(element("vpcEndpointType", e.type()))
        .append(element("vpcId", e.vpcId())).append(element("serviceName", e.serviceName())).append(element("state", state));
    if (e.policyDocument() != null) {
      x.append(element("policyDocument", e.policyDocument().toJsonText()));
    }
    x.append(set("routeTableIdSet", e.routeTableIds())).append(set("subnetIdSet", e.subnetIds()));
    x.append("<groupSet>");
    e.securityGroupIds().forEach(g -> x.append("<item>").append(element("groupId", g)).append("</item>"));
    x.append("</groupSet>").append(element("privateDnsEnabled", e.privateDnsEnabled()));
    x.append(tagSet(tags.getOrDefault(e.vpcEndpointId(), Map.of())));
    return x.toString();
  }

  private static VpcEndpoint withPolicy(VpcEndpoint e, PolicyDocument policy) {
    return new VpcEndpoint(e.vpcEndpointId(), e.vpcId(), e.serviceName(), e.type(), e.state(), e.subnetIds(),
        e.routeTableIds(), e.securityGroupIds(), e.privateDnsEnabled(), policy);
  }

  private void routeTable(StringBuilder x, RouteTable t) {
    x.append("<item>").append(element("routeTableId", t.routeTableId())).append(element("vpcId", t.vpcId())).append("<routeSet>");
    for (Route r : t.routes()) {
      x.append("<item>");
      if (r.destination() != null) {
        x.append(element(r.destination().contains(":") ? "destinationIpv6CidrBlock" : "destinationCidrBlock", r.destination()));
      }
      if (r.destinationPrefixListId() != null) {
        x.append(element("destinationPrefixListId", r.destinationPrefixListId()));
      }
      String target = switch (r.targetType()) {
        case NAT -> "natGatewayId";
        case TGW -> "transitGatewayId";
        case PEERING -> "vpcPeeringConnectionId";
        case ENI -> "networkInterfaceId";
        default -> "gatewayId";
      };
      if (r.targetId() != null) {
        x.append(element(target, r.targetId()));
      }
      x.append(element("state", r.targetType() == Route.TargetType.BLACKHOLE ? "blackhole" : "active")).append("</item>");
    }
    x.append("</routeSet><associationSet>");
    if (t.main()) {
      x.append("<item>").append(element("main", true)).append("</item>");
    }
    t.subnetIds().forEach(s -> x.append("<item>").append(element("subnetId", s)).append(element("main", false)).append("</item>"));
    x.append("</associationSet></item>");
  }

  private static String permissions(String name, List<SecurityGroupRule> rules) {
    StringBuilder x = new StringBuilder("<" + name + ">");
    for (SecurityGroupRule r : rules) {
      x.append("<item>").append(element("ipProtocol", r.protocol()));
      if (r.fromPort() != null) {
        x.append(element("fromPort", r.fromPort())).append(element("toPort", r.toPort()));
      }
      x.append("<ipRanges>");
      r.cidrs().forEach(c -> x.append("<item>").append(element("cidrIp", c)).append("</item>"));
      x.append("</ipRanges><ipv6Ranges>");
      r.ipv6Cidrs().forEach(c -> x.append("<item>").append(element("cidrIpv6", c)).append("</item>"));
      x.append("</ipv6Ranges><groups>");
      r.groupIds().forEach(g -> x.append("<item>").append(element("groupId", g)).append("</item>"));
      x.append("</groups><prefixListIds>");
      r.prefixListIds().forEach(l -> x.append("<item>").append(element("prefixListId", l)).append("</item>"));
      x.append("</prefixListIds></item>");
    }
    return x.append("</").append(name).append('>').toString();
  }

  /** {@code IpPermissions.N.*} of an Authorize call. */
  private static List<SecurityGroupRule> ipPermissions(Map<String, List<String>> p) {
    List<SecurityGroupRule> rules = new ArrayList<>();
    for (int i = 1; p.containsKey("IpPermissions." + i + ".IpProtocol"); i++) {
      String prefix = "IpPermissions." + i + ".";
      String protocol = one(p, prefix + "IpProtocol");
      Integer from = Optional.ofNullable(one(p, prefix + "FromPort")).map(Integer::valueOf).orElse(null);
      Integer to = Optional.ofNullable(one(p, prefix + "ToPort")).map(Integer::valueOf).orElse(null);
      rules.add(new SecurityGroupRule(protocol.equals("6") ? "tcp" : protocol, from, to,
          indexed(p, prefix + "IpRanges.", ".CidrIp"), indexed(p, prefix + "Ipv6Ranges.", ".CidrIpv6"),
          indexed(p, prefix + "Groups.", ".GroupId"), indexed(p, prefix + "PrefixListIds.", ".PrefixListId")));
    }
    return rules;
  }

  /** One rule per peer: the unit EC2 calls a duplicate. */
  private static List<SecurityGroupRule> peers(SecurityGroupRule r) {
    List<SecurityGroupRule> peers = new ArrayList<>();
    r.cidrs().forEach(c -> peers.add(rule(r, List.of(c), List.of(), List.of(), List.of())));
    r.ipv6Cidrs().forEach(c -> peers.add(rule(r, List.of(), List.of(c), List.of(), List.of())));
    r.groupIds().forEach(g -> peers.add(rule(r, List.of(), List.of(), List.of(g), List.of())));
    r.prefixListIds().forEach(l -> peers.add(rule(r, List.of(), List.of(), List.of(), List.of(l))));
    return peers;
  }

  private static SecurityGroupRule rule(SecurityGroupRule r, List<String> cidrs, List<String> ipv6, List<String> groups,
      List<String> prefixLists) {
    return new SecurityGroupRule(r.protocol(), r.fromPort(), r.toPort(), cidrs, ipv6, groups, prefixLists);
  }

  /** DescribeSecurityGroups answers one permission per protocol and port range, holding all its peers. */
  private static void merge(List<SecurityGroupRule> rules, SecurityGroupRule added) {
    for (int i = 0; i < rules.size(); i++) {
      SecurityGroupRule r = rules.get(i);
      if (r.protocol().equals(added.protocol()) && Objects.equals(r.fromPort(), added.fromPort())
          && Objects.equals(r.toPort(), added.toPort())) {
        rules.set(i, new SecurityGroupRule(r.protocol(), r.fromPort(), r.toPort(), union(r.cidrs(), added.cidrs()),
            union(r.ipv6Cidrs(), added.ipv6Cidrs()), union(r.groupIds(), added.groupIds()),
            union(r.prefixListIds(), added.prefixListIds())));
        return;
      }
    }
    rules.add(added);
  }

  /**
   * A describe by ids (all when none) and filters, answered as {@code <setName><item>...}; EC2 refuses one
   * that names an id it does not know, rather than leaving it out.
   */
  private static <T> Answer describe(String action, String requestId, String setName, List<String> ids,
      Map<String, T> known, String notFound, Predicate<T> filtered, Function<T, String> item) {
    Optional<String> unknown = ids.stream().filter(id -> !known.containsKey(id)).findFirst();
    if (unknown.isPresent()) {
      return AwsWire.ec2Error(400, notFound, "The ID '" + unknown.get() + "' does not exist");
    }
    StringBuilder x = new StringBuilder("<" + setName + ">");
    known.forEach((id, value) -> {
      if ((ids.isEmpty() || ids.contains(id)) && filtered.test(value)) {
        x.append("<item>").append(item.apply(value)).append("</item>");
      }
    });
    return AwsWire.ec2(action, requestId, x.append("</").append(setName).append('>').toString());
  }

  /** {@code Filter.N.Name} to its {@code Filter.N.Value.M}. */
  private static Map<String, List<String>> filters(Map<String, List<String>> p) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (int i = 1; p.containsKey("Filter." + i + ".Name"); i++) {
      filters.put(one(p, "Filter." + i + ".Name"), members(p, "Filter." + i + ".Value."));
    }
    if (p.containsKey("VpcId.1")) {
      filters.put("vpc-id", members(p, "VpcId."));
    }
    return filters;
  }

  private static boolean matches(Map<String, List<String>> filters, String name, String value) {
    return !filters.containsKey(name) || filters.get(name).contains(value);
  }

  /** Values of {@code Prefix.N.Suffix}, in order. */
  private static List<String> indexed(Map<String, List<String>> p, String prefix, String suffix) {
    List<String> values = new ArrayList<>();
    for (int i = 1; p.containsKey(prefix + i + suffix); i++) {
      values.add(one(p, prefix + i + suffix));
    }
    return values;
  }

  private static Map<String, String> tagSpecification(Map<String, List<String>> p) {
    Map<String, String> found = new LinkedHashMap<>();
    for (int i = 1; p.containsKey("TagSpecification.1.Tag." + i + ".Key"); i++) {
      found.put(one(p, "TagSpecification.1.Tag." + i + ".Key"), one(p, "TagSpecification.1.Tag." + i + ".Value"));
    }
    return found;
  }

  private static String tagSet(Map<String, String> tags) {
    StringBuilder x = new StringBuilder("<tagSet>");
    tags.forEach((k, v) -> x.append("<item>").append(element("key", k)).append(element("value", v)).append("</item>"));
    return x.append("</tagSet>").toString();
  }

  private static String set(String name, List<String> values) {
    StringBuilder x = new StringBuilder("<" + name + ">");
    values.forEach(v -> x.append(element("item", v)));
    return x.append("</").append(name).append('>').toString();
  }

    private String newId(String prefix) {
    return prefix + String.format("0local%011d", ++created);
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    b.stream().filter(v -> !all.contains(v)).forEach(all::add);
    return all;
  }
}
