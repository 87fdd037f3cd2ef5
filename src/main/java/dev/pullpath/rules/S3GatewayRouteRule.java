package dev.pullpath.rules;

import static dev.pullpath.check.ShellQuote.quote;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.RouteTable;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
    id = "PP003",
    name = "s3-gateway-route",
    title = "Every task subnet routes to S3 through a gateway endpoint",
    summary = "ECR serves image layers from the S3 bucket prod-REGION-starport-layer-bucket. A private subnet "
        + "reaches it only when the route table the subnet actually uses (its explicit association, else the "
        + "VPC's main table) is associated with an available gateway endpoint com.amazonaws.REGION.s3. A default "
        + "route through a transit gateway, appliance, firewall or peering is a way out pullpath cannot see past: "
        + "a warning names what depends on it.",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.SUBNETS, SnapshotPart.ROUTE_TABLES, SnapshotPart.VPC_ENDPOINTS})
public final class S3GatewayRouteRule extends AbstractRule {

  @Override
  public List<Finding> check(AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    String s3 = snapshot.endpointServiceName("s3");
    for (EcsService service : snapshot.services()) {
      Set<String> opaqueTablesReported = new HashSet<>();
      for (Subnet subnet : snapshot.subnetsOf(service)) {
        List<VpcEndpoint> gateways = snapshot.endpoints(subnet.vpcId(), s3).stream()
            .filter(VpcEndpoint::isGateway).toList();
        Optional<RouteTable> table = snapshot.effectiveRouteTable(subnet);
        if (table.isEmpty()) {
          findings.add(finding(Resources.subnet(snapshot, subnet.subnetId()), service.workloadName())
              .message("Subnet " + subnet.subnetId() + " has no route table in the snapshot, so its S3 path is unknown")
              .fix("Associate the subnet with a route table that the S3 gateway endpoint serves.", null)
              .build());
          continue;
        }
        RouteTable rt = table.get();
        boolean served = gateways.stream()
            .anyMatch(g -> g.isAvailable() && g.routeTableIds().contains(rt.routeTableId()));
        // Without the gateway, layers still come over NAT or the internet gateway where there is one.
        NetworkPaths.Egress egress = NetworkPaths.egress(snapshot, service, subnet);
        if (!served && egress == NetworkPaths.Egress.NONE) {
          findings.add(unserved(snapshot, service, subnet, rt, gateways, s3));
        }
        if (egress == NetworkPaths.Egress.OPAQUE && opaqueTablesReported.add(rt.routeTableId())) {
          egressNotVerifiable(snapshot, service, subnet, rt, served).ifPresent(findings::add);
        }
      }
    }
    return findings;
  }

  /**
   * A subnet whose default route leads to a transit gateway, peering connection, appliance or firewall
   * endpoint: whatever the private path lacks goes that way, and pullpath cannot see whether it reaches the
   * internet. One warning per route table names what depends on it; the endpoint rules stay silent. The
   * task definitions are read only to name what depends on the route: without them ECR and S3 still do.
   */
  private Optional<Finding> egressNotVerifiable(
      AccountSnapshot snapshot, EcsService service, Subnet subnet, RouteTable rt, boolean s3Served) {
    List<String> dependsOnIt = new ArrayList<>();
    if (!s3Served) {
      dependsOnIt.add("S3 (no gateway endpoint on " + rt.routeTableId() + ")");
    }
    for (String suffix : RequiredEndpoints.of(snapshot, service)) {
      if (snapshot.dnsAnsweringEndpoint(subnet.vpcId(), suffix).isEmpty()) {
        dependsOnIt.add(snapshot.endpointServiceName(suffix) + " (no available endpoint with private DNS)");
      }
    }
    RequiredEndpoints.crossRegion(snapshot, service).stream()
        .map(call -> call.publicName() + " (another region, " + call.detail() + ")")
        .distinct()
        .forEach(dependsOnIt::add);
    if (dependsOnIt.isEmpty()) {
      return Optional.empty();
    }
    List<String> via = NetworkPaths.opaqueRoutes(snapshot, subnet).stream()
        .map(r -> r.destination() + " -> " + r.targetId() + " (" + r.targetType().json() + ")").toList();
    Finding.Builder builder = finding(Resources.routeTable(snapshot, rt.routeTableId()), service.workloadName())
        .severity(Severity.WARNING)
        .message("Egress not verifiable: route table " + rt.routeTableId() + " of subnet " + subnet.subnetId()
            + " sends internet traffic to " + String.join(", ", via) + ", which pullpath cannot see past; the "
            + "pull depends on it for " + String.join(", ", dependsOnIt))
        .fix("Make sure that path reaches the AWS public endpoints over HTTPS (its NAT, firewall rules and "
                + "routes), or add the missing endpoints so the pull does not depend on it.", null)
        .evidence(subnet.subnetId() + " uses " + rt.routeTableId());
    return Optional.of(builder.build());
  }

  private Finding unserved(
      AccountSnapshot snapshot, EcsService service, Subnet subnet, RouteTable rt, List<VpcEndpoint> gateways,
      String s3) {
    String how = rt.subnetIds().contains(subnet.subnetId())
        ? "explicitly associated"
        : "the VPC's main route table, used because the subnet has no explicit association";
    Optional<VpcEndpoint> usable = gateways.stream().filter(VpcEndpoint::isAvailable).findFirst();
    Finding.Builder builder = finding(Resources.routeTable(snapshot, rt.routeTableId()), service.workloadName())
        // The route table is the thing to change; the subnets using it are evidence, so one finding covers them all.
        .message("Route table " + rt.routeTableId()
            + " is not associated with an available S3 gateway endpoint (" + s3 + "), so image layers from "
            + "prod-" + snapshot.region() + "-starport-layer-bucket cannot be downloaded")
        .evidence(subnet.subnetId() + " uses " + rt.routeTableId() + " (" + how + ")");
    gateways.forEach(g -> builder.evidence("gateway endpoint " + g.vpcEndpointId() + " (" + g.state()
        + ") serves " + (g.routeTableIds().isEmpty() ? "no route table" : String.join(", ", g.routeTableIds()))));
    boolean interfaceOnly = snapshot.endpoints(subnet.vpcId(), s3).stream().anyMatch(VpcEndpoint::isInterface);
    if (interfaceOnly && gateways.isEmpty()) {
      builder.evidence("the VPC has an S3 interface endpoint; ECR layer downloads need the gateway type");
    }
    if (usable.isPresent()) {
      return builder
          .fix("Associate route table " + rt.routeTableId() + " with S3 gateway endpoint "
                  + usable.get().vpcEndpointId() + ".",
              "aws ec2 modify-vpc-endpoint --region " + quote(snapshot.region()) + " --vpc-endpoint-id "
                  + quote(usable.get().vpcEndpointId()) + " --add-route-table-ids " + quote(rt.routeTableId()))
          .build();
    }
    return builder
        .fix("Create an S3 gateway endpoint associated with route table " + rt.routeTableId() + ".",
            "aws ec2 create-vpc-endpoint --region " + quote(snapshot.region()) + " --vpc-id " + quote(subnet.vpcId())
                + " --vpc-endpoint-type Gateway --service-name " + quote(s3) + " --route-table-ids "
                + quote(rt.routeTableId()))
        .build();
  }
}
