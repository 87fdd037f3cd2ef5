package dev.pullpath.rules;

import dev.pullpath.check.Finding;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.Subnet;
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
      for (Endpoint endpoint : endpoints) {
        if (needed.contains(endpoint.serviceSuffix())) {
          findings.addAll(check(snapshot, service, endpoint.serviceSuffix(), endpoint.privateDnsReason()));
        }
      }
    }
    return findings;
  }

  private List<Finding> check(
      AccountSnapshot snapshot, EcsService service, String serviceSuffix, String privateDnsReason) {
    Optional<Vpc> vpc = snapshot.vpcOf(service);
    if (vpc.isEmpty()) {
      return List.of();
    }
    String serviceName = snapshot.endpointServiceName(serviceSuffix);
    String region = snapshot.region();
    List<VpcEndpoint> endpoints =
        snapshot.endpoints(vpc.get().vpcId(), serviceName).stream().filter(VpcEndpoint::isInterface).toList();
    String workload = service.workloadName();
    // Pulls go out through NAT or the internet gateway; an endpoint would only be an option. Route tables
    // are not among the rule's reads on purpose: unread, they show no internet path, which only makes the
    // rule stricter, whereas declaring them would drop the whole rule to PP000.
    if (endpoints.isEmpty() && NetworkPaths.hasInternetPath(snapshot, service)) {
      return List.of();
    }
    if (endpoints.isEmpty()) {
      return List.of(finding(Resources.vpc(snapshot, vpc.get().vpcId()), workload)
          .message("VPC " + vpc.get().vpcId() + " has no interface endpoint " + serviceName)
          .fix("Create an interface endpoint for " + serviceName + " with private DNS in the subnets of the VPC's "
                  + "workloads" + (vpc.get().enableDnsSupport() && vpc.get().enableDnsHostnames()
                      ? "." : ", after turning on the VPC's DNS attributes (PP011): private DNS needs them."),
              "aws ec2 create-vpc-endpoint --region " + region + " --vpc-id " + vpc.get().vpcId()
                  + " --vpc-endpoint-type Interface --service-name " + serviceName
                  + " --subnet-ids " + String.join(" ", onePerAz(subnetsOfWorkloadsIn(snapshot, vpc.get())))
                  + " --security-group-ids " + endpointSecurityGroup(snapshot, vpc.get().vpcId())
                  + " --private-dns-enabled")
          .evidence("endpoints in " + vpc.get().vpcId() + ": " + describe(snapshot.endpointsIn(vpc.get().vpcId()), vpc.get().vpcId()))
          .build());
    }
    Optional<VpcEndpoint> available = endpoints.stream().filter(VpcEndpoint::isAvailable).findFirst();
    if (available.isEmpty()) {
      VpcEndpoint endpoint = endpoints.get(0);
      return List.of(finding(Resources.vpcEndpoint(snapshot, endpoint.vpcEndpointId()), workload)
          .message("Interface endpoint " + endpoint.vpcEndpointId() + " for " + serviceName + " is in state '"
              + endpoint.state() + "'; only 'available' endpoints carry traffic")
          .fix("Wait for the endpoint to become available, or delete it and create it again.",
              "aws ec2 describe-vpc-endpoints --region " + region + " --vpc-endpoint-ids " + endpoint.vpcEndpointId()
                  + " --query 'VpcEndpoints[0].State'")
          .evidence("state = " + endpoint.state())
          .build());
    }
    VpcEndpoint endpoint = available.get();
    List<Finding> findings = new ArrayList<>();
    if (!endpoint.privateDnsEnabled()) {
      findings.add(finding(Resources.vpcEndpoint(snapshot, endpoint.vpcEndpointId()), workload)
          .message("Interface endpoint " + endpoint.vpcEndpointId() + " for " + serviceName
              + " has private DNS off; " + privateDnsReason)
          .fix("Turn on private DNS for the endpoint (the VPC needs DNS support and DNS hostnames).",
              "aws ec2 modify-vpc-endpoint --region " + region + " --vpc-endpoint-id " + endpoint.vpcEndpointId()
                  + " --private-dns-enabled")
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
    if (!uncoveredAzToSubnet.isEmpty()) {
      findings.add(finding(Resources.vpcEndpoint(snapshot, endpoint.vpcEndpointId()), workload)
          .severity(Severity.WARNING)
          .message("Interface endpoint " + endpoint.vpcEndpointId() + " for " + serviceName + " has no network "
              + "interface in " + String.join(", ", uncoveredAzToSubnet.keySet())
              + ", where the workload runs: its tasks cross AZs and lose pulls if the endpoint's AZ fails")
          .fix("Add a workload subnet in each missing AZ to the endpoint.",
              "aws ec2 modify-vpc-endpoint --region " + region + " --vpc-endpoint-id " + endpoint.vpcEndpointId()
                  + " --add-subnet-ids " + String.join(" ", uncoveredAzToSubnet.values()))
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
  private static String endpointSecurityGroup(AccountSnapshot snapshot, String vpcId) {
    return snapshot.endpointsIn(vpcId).stream()
        .filter(e -> e.vpcId().equals(vpcId) && e.isInterface() && !e.securityGroupIds().isEmpty())
        .map(e -> e.securityGroupIds().get(0))
        .filter(id -> snapshot.securityGroup(id).map(SecurityGroup::vpcId).orElse(vpcId).equals(vpcId))
        .findFirst()
        .orElse("ENDPOINT_SECURITY_GROUP_ID");
  }

  private static String describe(List<VpcEndpoint> endpoints, String vpcId) {
    List<String> names = endpoints.stream()
        .filter(e -> e.vpcId().equals(vpcId))
        .map(e -> e.serviceName() + " (" + e.type() + ", " + e.state() + ")")
        .toList();
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
