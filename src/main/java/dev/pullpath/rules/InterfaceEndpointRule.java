package dev.pullpath.rules;

import static dev.pullpath.check.ShellQuote.quote;

import dev.pullpath.check.Finding;
import dev.pullpath.check.Severity;
import dev.pullpath.check.ShellQuote;
import dev.pullpath.pull.PullPathEndpoints;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What PP001, PP002, PP004 and PP012 share: for each endpoint the workload needs
 * ({@link RequiredEndpoints}), its VPC has an available interface endpoint with private DNS on and a
 * network interface in every AZ the workload runs in.
 */
abstract class InterfaceEndpointRule extends AbstractRule {
  private final List<Endpoint> endpoints;

  /**
   * An endpoint a rule checks.
   *
   * @param serviceSuffix e.g. {@code ecr.dkr}
   * @param privateDnsReason why private DNS is needed for this service, for the message
   */
  record Endpoint(String serviceSuffix, String privateDnsReason) {}

  InterfaceEndpointRule(Endpoint... endpoints) {
    this.endpoints = List.of(endpoints);
  }

  @Override
  public final List<Finding> check(AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    for (EcsService service : snapshot.services()) {
      List<String> needed = RequiredEndpoints.of(snapshot, service);
      List<RequiredEndpoints.CrossRegionCall> crossRegion = RequiredEndpoints.crossRegion(snapshot, service);
      NetworkPaths.Egress egress = null;
      for (Endpoint endpoint : endpoints) {
        boolean inRegion = needed.contains(endpoint.serviceSuffix());
        List<RequiredEndpoints.CrossRegionCall> elsewhere = crossRegion.stream()
            .filter(c -> c.serviceSuffix().equals(endpoint.serviceSuffix())).toList();
        if (!inRegion && elsewhere.isEmpty()) {
          continue;
        }
        egress = egress == null ? NetworkPaths.egress(snapshot, service) : egress;
        if (inRegion) {
          findings.addAll(check(snapshot, service, endpoint.serviceSuffix(), endpoint.privateDnsReason(), egress));
        }
        if (egress == NetworkPaths.Egress.NONE) {
          elsewhere.forEach(call -> findings.add(crossRegionWithoutInternet(snapshot, service, call)));
        }
      }
    }
    return findings;
  }

  /**
   * A call to another region's public endpoint from a workload without an internet path. Route tables are
   * not among the rule's reads (see below): unread, they show no path, which only makes the rule stricter.
   */
  private Finding crossRegionWithoutInternet(
      AccountSnapshot snapshot, EcsService service, RequiredEndpoints.CrossRegionCall call) {
    TaskDefinition td = snapshot.taskDefinitionOf(service).orElseThrow();
    boolean logs = call.serviceSuffix().equals(RequiredEndpoints.LOGS);
    return finding(Resources.taskDefinition(td), service.workloadName())
        .message("Container " + call.container() + " calls " + call.publicName() + " in region " + call.region()
            + " (" + call.detail() + "), but the workload's subnets have no internet path: VPC endpoints are "
            + "regional, so an endpoint in " + snapshot.region() + " does not answer for " + call.region())
        .fix(logs
                ? "Send the logs to " + snapshot.region() + " (awslogs-region), or give the task subnets a route "
                    + "through a NAT gateway."
                : "Replicate the secret or parameter into " + snapshot.region() + " and inject that ARN, or give "
                    + "the task subnets a route through a NAT gateway.",
            null)
        .evidence("scan region " + snapshot.region() + ", " + call.detail())
        .build();
  }

  private List<Finding> check(
      AccountSnapshot snapshot, EcsService service, String serviceSuffix, String privateDnsReason,
      NetworkPaths.Egress egress) {
    Optional<Vpc> vpc = snapshot.vpcOf(service);
    if (vpc.isEmpty()) {
      return List.of();
    }
    String serviceName = snapshot.endpointServiceName(serviceSuffix);
    String region = snapshot.region();
    List<VpcEndpoint> endpoints =
        snapshot.endpoints(vpc.get().vpcId(), serviceName).stream().filter(VpcEndpoint::isInterface).toList();
    String workload = service.workloadName();
    // Pulls go out through NAT or the internet gateway; an endpoint would only be an option. Behind a
    // transit gateway, peering or firewall route the path cannot be verified: PP003 warns about that once.
    // Route tables are not among the rule's reads on purpose: unread, they show no internet path, which
    // only makes the rule stricter, whereas declaring them would drop the whole rule to PP000.
    if (endpoints.isEmpty() && egress != NetworkPaths.Egress.NONE) {
      return List.of();
    }
    // With a way out, tasks whose endpoint does not answer the service's name call its public name
    // instead: a broken endpoint then costs the private path, not the pull.
    Severity broken = egress == NetworkPaths.Egress.NONE ? Severity.ERROR : Severity.WARNING;
    String wayOut = switch (egress) {
      case INTERNET -> "their internet route";
      case OPAQUE -> "a route pullpath cannot see past";
      case NONE -> null;
    };
    String fallback = wayOut == null ? "" : "; tasks fall back to the public name through " + wayOut;
    if (endpoints.isEmpty()) {
      return List.of(finding(Resources.vpc(snapshot, vpc.get().vpcId()), workload)
          .message("VPC " + vpc.get().vpcId() + " has no interface endpoint " + serviceName)
          .fix("Create an interface endpoint for " + serviceName + " with private DNS in the subnets of the VPC's "
                  + "workloads" + (vpc.get().enableDnsSupport() && vpc.get().enableDnsHostnames()
                      ? "." : ", after turning on the VPC's DNS attributes (PP011): private DNS needs them."),
              "aws ec2 create-vpc-endpoint --region " + quote(region) + " --vpc-id " + quote(vpc.get().vpcId())
                  + " --vpc-endpoint-type Interface --service-name " + quote(serviceName)
                  + " --subnet-ids " + String.join(" ", onePerAz(subnetsOfWorkloadsIn(snapshot, vpc.get())).stream().map(ShellQuote::quote).toList())
                  + " --security-group-ids " + quote(endpointSecurityGroup(snapshot, vpc.get().vpcId()))
                  + " --private-dns-enabled")
          .evidence("endpoints in " + vpc.get().vpcId() + ": " + describe(snapshot.endpointsIn(vpc.get().vpcId()), vpc.get().vpcId()))
          .build());
    }
    // Of several endpoints for one service, the one whose private DNS answers the name carries the traffic.
    Optional<VpcEndpoint> answering = snapshot.dnsAnsweringEndpoint(vpc.get().vpcId(), serviceSuffix);
    Optional<VpcEndpoint> available = answering.isPresent()
        ? answering : endpoints.stream().filter(VpcEndpoint::isAvailable).findFirst();
    if (available.isEmpty()) {
      VpcEndpoint endpoint = endpoints.get(0);
      return List.of(finding(Resources.vpcEndpoint(snapshot, endpoint.vpcEndpointId()), workload)
          .severity(broken)
          .message("Interface endpoint " + endpoint.vpcEndpointId() + " for " + serviceName + " is in state '"
              + endpoint.state() + "'; only 'available' endpoints carry traffic" + fallback)
          .fix("Wait for the endpoint to become available, or delete it and create it again.",
              "aws ec2 describe-vpc-endpoints --region " + quote(region) + " --vpc-endpoint-ids "
                  + quote(endpoint.vpcEndpointId()) + " --query 'VpcEndpoints[0].State'")
          .evidence("state = " + endpoint.state())
          .build());
    }
    VpcEndpoint endpoint = available.get();
    List<Finding> findings = new ArrayList<>();
    if (!endpoint.privateDnsEnabled()) {
      findings.add(finding(Resources.vpcEndpoint(snapshot, endpoint.vpcEndpointId()), workload)
          .severity(broken)
          .message("Interface endpoint " + endpoint.vpcEndpointId() + " for " + serviceName
              + " has private DNS off; " + (wayOut == null ? privateDnsReason
                  : "tasks resolve the public name through " + wayOut))
          .fix("Turn on private DNS for the endpoint (the VPC needs DNS support and DNS hostnames).",
              "aws ec2 modify-vpc-endpoint --region " + quote(region) + " --vpc-endpoint-id "
                  + quote(endpoint.vpcEndpointId()) + " --private-dns-enabled")
          .evidence("privateDnsEnabled = false")
          .build());
    }
    Set<String> endpointAzs = endpoint.subnetIds().stream()
        .map(snapshot::subnet).flatMap(Optional::stream)
        .map(Subnet::availabilityZone).collect(Collectors.toSet());
    Map<String, String> uncoveredAzToSubnet = new LinkedHashMap<>();
    for (Subnet subnet : snapshot.subnetsOf(service)) {
      if (!endpointAzs.contains(subnet.availabilityZone())) {
        uncoveredAzToSubnet.putIfAbsent(subnet.availabilityZone(), subnet.subnetId());
      }
    }
    // AZ coverage matters only for the endpoint that answers the name; one with private DNS off carries nothing.
    if (!uncoveredAzToSubnet.isEmpty() && endpoint.privateDnsEnabled()) {
      findings.add(finding(Resources.vpcEndpoint(snapshot, endpoint.vpcEndpointId()), workload)
          .severity(Severity.WARNING)
          .message("Interface endpoint " + endpoint.vpcEndpointId() + " for " + serviceName + " has no network "
              + "interface in " + String.join(", ", uncoveredAzToSubnet.keySet())
              + ", where the workload runs: its tasks cross AZs and lose pulls if the endpoint's AZ fails")
          .fix("Add a workload subnet in each missing AZ to the endpoint.",
              "aws ec2 modify-vpc-endpoint --region " + quote(region) + " --vpc-endpoint-id "
                  + quote(endpoint.vpcEndpointId()) + " --add-subnet-ids "
                  + String.join(" ", uncoveredAzToSubnet.values().stream().map(ShellQuote::quote).toList()))
          .evidence("endpoint AZs: " + endpointAzs.stream().sorted().toList())
          .build());
    }
    return findings;
  }

  /**
   * Every subnet of every workload in the VPC: the endpoint is shared, so every workload's finding gives
   * the same command, and whichever is pasted first serves them all.
   */
  private static List<Subnet> subnetsOfWorkloadsIn(AccountSnapshot snapshot, Vpc vpc) {
    return snapshot.workloadSubnetsIn(vpc.vpcId());
  }

  /** One subnet per AZ, since an interface endpoint takes at most one subnet per AZ. */
  private static List<String> onePerAz(List<Subnet> subnets) {
    Map<String, String> byAz = new LinkedHashMap<>();
    subnets.forEach(s -> byAz.putIfAbsent(s.availabilityZone(), s.subnetId()));
    return List.copyOf(byAz.values());
  }

  /**
   * A security group to suggest for a new endpoint: one another endpoint in the VPC already uses, so the
   * 443 rules are shared; else a placeholder the user must fill.
   */
  /** The group a new endpoint reuses, as --fix plans it; a placeholder when the VPC has none to reuse. */
  private static String endpointSecurityGroup(AccountSnapshot snapshot, String vpcId) {
    return PullPathEndpoints.reusableGroup(snapshot, vpcId).orElse("ENDPOINT_SECURITY_GROUP_ID");
  }

  private static String describe(List<VpcEndpoint> endpoints, String vpcId) {
    List<String> names = endpoints.stream()
        .filter(e -> e.vpcId().equals(vpcId))
        .map(e -> e.serviceName() + " (" + e.type() + ", " + e.state() + ")")
        .toList();
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
