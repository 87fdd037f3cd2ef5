package dev.pullpath.rules;

import static dev.pullpath.check.ShellQuote.quote;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.Cidr;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SecurityGroupRule;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
    id = "PP005",
    name = "endpoint-https-ingress",
    title = "Endpoint security groups admit HTTPS from the tasks",
    summary = "Tasks reach the ECR and CloudWatch Logs interface endpoints over TCP 443. The endpoints' security "
        + "groups must admit 443 from the task subnets or the task security groups, and the task security groups "
        + "must let 443 out to the endpoints and to the S3 prefix list.",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.TASK_DEFINITIONS, SnapshotPart.SUBNETS, SnapshotPart.VPCS,
        SnapshotPart.ROUTE_TABLES, SnapshotPart.VPC_ENDPOINTS, SnapshotPart.SECURITY_GROUPS})
public final class EndpointHttpsIngressRule extends AbstractRule {
  private static final int HTTPS = 443;

  @Override
  public List<Finding> check(AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    for (EcsService service : snapshot.services()) {
      Optional<Vpc> vpc = snapshot.vpcOf(service);
      if (vpc.isEmpty()) {
        continue;
      }
      List<SecurityGroup> taskGroups = snapshot.securityGroupsOf(service);
      // No HTTPS out at all fails every pull, over endpoints and NAT alike: one finding says so.
      boolean egressChecked = !taskGroups.isEmpty();
      if (egressChecked && NetworkPaths.egressOf(taskGroups).stream().noneMatch(r -> r.admitsTcpPort(HTTPS))) {
        findings.add(noHttpsOut(snapshot, service, taskGroups));
        egressChecked = false;
      }
      for (VpcEndpoint endpoint : requiredEndpoints(snapshot, service, vpc.get())) {
        checkIngress(snapshot, service, endpoint).ifPresent(findings::add);
        if (egressChecked) {
          checkEgress(snapshot, service, taskGroups, endpoint).ifPresent(findings::add);
        }
      }
      if (egressChecked) {
        checkS3Egress(snapshot, service, taskGroups).ifPresent(findings::add);
        checkPublicEgress(snapshot, service, taskGroups).ifPresent(findings::add);
      }
    }
    return findings;
  }

  /**
   * The interface endpoints the workload's traffic goes to: for each service it needs, the one whose private
   * DNS answers the service's name. Other endpoints for the same service carry no task traffic; missing or
   * broken ones are PP001, PP002, PP004, PP012.
   */
  private static List<VpcEndpoint> requiredEndpoints(AccountSnapshot snapshot, EcsService service, Vpc vpc) {
    List<VpcEndpoint> endpoints = new ArrayList<>();
    for (String suffix : RequiredEndpoints.of(snapshot, service)) {
      snapshot.dnsAnsweringEndpoint(vpc.vpcId(), suffix).ifPresent(endpoints::add);
    }
    return endpoints;
  }

  private Finding noHttpsOut(AccountSnapshot snapshot, EcsService service, List<SecurityGroup> taskGroups) {
    SecurityGroup taskGroup = taskGroups.get(0);
    Finding.Builder builder = finding(Resources.securityGroup(snapshot, taskGroup.groupId()), service.workloadName())
        // The group is the thing to change: the message names it, not the workload, so services sharing it fold.
        .message("Task security group " + taskGroup.groupId() + " lets no TCP 443 out, so the image pull "
            + "fails: ECR, S3 and CloudWatch Logs are all reached over HTTPS")
        .fix("Allow outbound TCP 443 from " + taskGroup.groupId() + " (to the VPC's endpoints and the S3 prefix "
                + "list, or to 0.0.0.0/0 where tasks go out through NAT).",
            "aws ec2 authorize-security-group-egress --region " + quote(snapshot.region()) + " --group-id "
                + quote(taskGroup.groupId()) + " --ip-permissions "
                + quote("IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]"));
    taskGroups.forEach(g -> builder.evidence(g.displayName() + " egress: " + Rendering.rules(g.egress())));
    return builder.build();
  }

  private Optional<Finding> checkIngress(AccountSnapshot snapshot, EcsService service, VpcEndpoint endpoint) {
    List<SecurityGroup> endpointGroups = endpoint.securityGroupIds().stream()
        .map(snapshot::securityGroup).flatMap(Optional::stream).toList();
    if (endpointGroups.isEmpty()) {
      return Optional.empty();
    }
    List<Subnet> blocked = new ArrayList<>();
    Set<String> unreadableLists = new LinkedHashSet<>();
    for (Subnet subnet : snapshot.subnetsOf(service)) {
      NetworkPaths.Reach reach = NetworkPaths.coversTcp(snapshot,
          NetworkPaths.ingressOf(endpointGroups), HTTPS, subnet.cidrBlock(), service.securityGroupIds());
      if (reach.undecided()) {
        unreadableLists.addAll(reach.unreadablePrefixLists());
      } else if (!reach.covered()) {
        blocked.add(subnet);
      }
    }
    if (blocked.isEmpty() && !unreadableLists.isEmpty()) {
      return Optional.of(undecided(snapshot, service, endpointGroups.get(0), "inbound TCP 443 on the security "
          + "groups of endpoint " + endpoint.vpcEndpointId() + " (" + endpoint.serviceName() + ")", unreadableLists,
          endpointGroups, true));
    }
    if (blocked.isEmpty()) {
      return Optional.empty();
    }
    SecurityGroup target = endpointGroups.get(0);
    String source = service.securityGroupIds().isEmpty()
        ? " --cidr " + quote(blocked.get(0).cidrBlock())
        : " --source-group " + quote(service.securityGroupIds().get(0));
    Finding.Builder builder = finding(Resources.securityGroup(snapshot, target.groupId()), service.workloadName())
        .message("Security groups of endpoint " + endpoint.vpcEndpointId() + " (" + endpoint.serviceName()
            + ") do not admit TCP 443 from " + describe(blocked)
            + (service.securityGroupIds().isEmpty() ? "" : " or from task security groups "
                + String.join(", ", service.securityGroupIds())))
        .fix("Allow inbound TCP 443 on " + target.groupId() + " from the task security group or subnets.",
            "aws ec2 authorize-security-group-ingress --region " + quote(snapshot.region()) + " --group-id "
                + quote(target.groupId()) + " --protocol tcp --port 443" + source);
    endpointGroups.forEach(g -> builder.evidence(g.displayName() + " ingress: " + Rendering.rules(g.ingress())));
    return Optional.of(builder.build());
  }

  private Optional<Finding> checkEgress(
      AccountSnapshot snapshot, EcsService service, List<SecurityGroup> taskGroups, VpcEndpoint endpoint) {
    List<String> unreachable = new ArrayList<>();
    Set<String> unreadableLists = new LinkedHashSet<>();
    int endpointSubnets = 0;
    for (String subnetId : endpoint.subnetIds()) {
      Optional<Subnet> subnet = snapshot.subnet(subnetId);
      if (subnet.isEmpty()) {
        continue;
      }
      endpointSubnets++;
      NetworkPaths.Reach reach = NetworkPaths.coversTcp(snapshot,
          NetworkPaths.egressOf(taskGroups), HTTPS, subnet.get().cidrBlock(), endpoint.securityGroupIds());
      if (reach.undecided()) {
        unreadableLists.addAll(reach.unreadablePrefixLists());
      } else if (!reach.covered()) {
        unreachable.add(subnet.get().subnetId() + " (" + subnet.get().cidrBlock() + ")");
      }
    }
    if (unreachable.isEmpty() && !unreadableLists.isEmpty()) {
      return Optional.of(undecided(snapshot, service, taskGroups.get(0), "outbound TCP 443 from the task security "
          + "groups to endpoint " + endpoint.vpcEndpointId() + " (" + endpoint.serviceName() + ")", unreadableLists,
          taskGroups, false));
    }
    if (unreachable.isEmpty()) {
      return Optional.empty();
    }
    // Tasks resolve the endpoint's name to all its network interfaces: with none reachable every call fails,
    // with some reachable only the calls to the others do.
    boolean none = unreachable.size() == endpointSubnets;
    SecurityGroup taskGroup = taskGroups.get(0);
    String peer = endpoint.securityGroupIds().isEmpty()
        ? "IpRanges=[{CidrIp=" + snapshot.vpcOf(service).map(Vpc::cidrBlock).orElse("VPC_CIDR") + "}]"
        : "UserIdGroupPairs=[{GroupId=" + endpoint.securityGroupIds().get(0) + "}]";
    Finding.Builder builder = finding(Resources.securityGroup(snapshot, taskGroup.groupId()), service.workloadName())
        .severity(none ? Severity.ERROR : Severity.WARNING)
        .message("Task security groups do not let TCP 443 out to endpoint " + endpoint.vpcEndpointId() + " ("
            + endpoint.serviceName() + ") in " + String.join(", ", unreachable)
            + (none ? ", none of its network interfaces" : ", some of its network interfaces"))
        .fix("Allow outbound TCP 443 from " + taskGroup.groupId() + " to the endpoint's security group.",
            "aws ec2 authorize-security-group-egress --region " + quote(snapshot.region()) + " --group-id "
                + quote(taskGroup.groupId()) + " --ip-permissions "
                + quote("IpProtocol=tcp,FromPort=443,ToPort=443," + peer));
    taskGroups.forEach(g -> builder.evidence(g.displayName() + " egress: " + Rendering.rules(g.egress())));
    return Optional.of(builder.build());
  }

  private Optional<Finding> checkS3Egress(AccountSnapshot snapshot, EcsService service, List<SecurityGroup> taskGroups) {
    List<VpcEndpoint> gateways = NetworkPaths.s3GatewaysOf(snapshot, service);
    if (gateways.isEmpty()) {
      return Optional.empty();
    }
    Set<String> prefixLists = NetworkPaths.prefixListsRoutedTo(snapshot, service, gateways);
    if (NetworkPaths.coversTcpToPrefixList(snapshot, NetworkPaths.egressOf(taskGroups), HTTPS, prefixLists)) {
      return Optional.empty();
    }
    // 443 out to some public blocks may or may not include S3's: a warning. To none, layers cannot come.
    List<Cidr> inside = new ArrayList<>(NetworkPaths.PRIVATE_BLOCKS);
    snapshot.vpcOf(service).map(Vpc::cidrBlock).filter(Cidr::isIpv4).map(Cidr::parse).ifPresent(inside::add);
    boolean partial = NetworkPaths.blocksOf(snapshot,
            NetworkPaths.egressOf(taskGroups).stream().filter(r -> r.admitsTcpPort(HTTPS)).toList(),
            new LinkedHashSet<>())
        .stream().anyMatch(block -> inside.stream().noneMatch(known -> known.contains(block)));
    SecurityGroup taskGroup = taskGroups.get(0);
    String prefixList = prefixLists.isEmpty() ? "S3_PREFIX_LIST_ID" : prefixLists.iterator().next();
    Finding.Builder builder = finding(Resources.securityGroup(snapshot, taskGroup.groupId()), service.workloadName())
        .severity(partial ? Severity.WARNING : Severity.ERROR)
        .message("Task security groups do not let TCP 443 out to S3 (prefix list "
            + (prefixLists.isEmpty() ? "of " + snapshot.endpointServiceName("s3") : prefixList)
            + (partial ? "), only to some public address blocks: image layers come only if S3's are among them"
                : "), so image layers cannot be downloaded"))
        .fix("Allow outbound TCP 443 from " + taskGroup.groupId() + " to the S3 prefix list.",
            "aws ec2 authorize-security-group-egress --region " + quote(snapshot.region()) + " --group-id "
                + quote(taskGroup.groupId()) + " --ip-permissions "
                + quote("IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=" + prefixList + "}]"));
    taskGroups.forEach(g -> builder.evidence(g.displayName() + " egress: " + Rendering.rules(g.egress())));
    return Optional.of(builder.build());
  }

  private Finding undecided(
      AccountSnapshot snapshot, EcsService service, SecurityGroup group, String what, Set<String> prefixLists,
      List<SecurityGroup> groups, boolean ingress) {
    Finding.Builder builder = finding(Resources.securityGroup(snapshot, group.groupId()), service.workloadName())
        .severity(Severity.WARNING)
        .message("Whether " + what + " is allowed cannot be decided: the entries of prefix list "
            + String.join(", ", prefixLists) + " could not be read")
        .fix("Grant ec2:GetManagedPrefixListEntries to the scanning identity and scan again, or check the list's "
                + "entries by hand.",
            "aws ec2 get-managed-prefix-list-entries --region " + quote(snapshot.region()) + " --prefix-list-id "
                + quote(prefixLists.iterator().next()));
    groups.forEach(g -> builder.evidence(g.displayName() + (ingress ? " ingress: " + Rendering.rules(g.ingress())
        : " egress: " + Rendering.rules(g.egress()))));
    return builder.build();
  }

  /**
   * What the private path lacks goes out through the internet route, to public addresses: the task groups
   * must let 443 out there too. Only private blocks: an error; some public blocks (or prefix lists, which
   * may hold AWS ranges): a warning, since whether they hold the services' addresses is not known here.
   */
  private Optional<Finding> checkPublicEgress(
      AccountSnapshot snapshot, EcsService service, List<SecurityGroup> taskGroups) {
    if (NetworkPaths.egress(snapshot, service) != NetworkPaths.Egress.INTERNET) {
      return Optional.empty();
    }
    String vpcId = snapshot.vpcOf(service).map(Vpc::vpcId).orElseThrow();
    List<String> publicNames = new ArrayList<>();
    for (String suffix : RequiredEndpoints.of(snapshot, service)) {
      if (snapshot.dnsAnsweringEndpoint(vpcId, suffix).isEmpty()) {
        publicNames.add(snapshot.endpointServiceName(suffix));
      }
    }
    if (NetworkPaths.s3GatewaysOf(snapshot, service).isEmpty()) {
      publicNames.add(snapshot.endpointServiceName("s3"));
    }
    RequiredEndpoints.crossRegion(snapshot, service).stream()
        .map(RequiredEndpoints.CrossRegionCall::publicName).distinct().forEach(publicNames::add);
    List<SecurityGroupRule> https = NetworkPaths.egressOf(taskGroups).stream()
        .filter(r -> r.admitsTcpPort(HTTPS)).toList();
    List<Cidr> blocks = NetworkPaths.blocksOf(snapshot, https, new LinkedHashSet<>());
    if (publicNames.isEmpty() || Cidr.unionCovers(blocks, Cidr.EVERYWHERE)) {
      return Optional.empty();
    }
    List<Cidr> inside = new ArrayList<>(NetworkPaths.PRIVATE_BLOCKS);
    snapshot.vpcOf(service).map(Vpc::cidrBlock).filter(Cidr::isIpv4).map(Cidr::parse).ifPresent(inside::add);
    // A list whose entries are unknown may hold AWS ranges; the S3 list the gateway routes holds only S3's.
    Set<String> s3Lists =
        NetworkPaths.prefixListsRoutedTo(snapshot, service, NetworkPaths.s3GatewaysOf(snapshot, service));
    boolean partial = https.stream().flatMap(r -> r.prefixListIds().stream())
            .anyMatch(id -> !s3Lists.contains(id) && snapshot.managedPrefixList(id).isEmpty())
        || blocks.stream().anyMatch(block -> inside.stream().noneMatch(known -> known.contains(block)));
    SecurityGroup taskGroup = taskGroups.get(0);
    Finding.Builder builder = finding(Resources.securityGroup(snapshot, taskGroup.groupId()), service.workloadName())
        .severity(partial ? Severity.WARNING : Severity.ERROR)
        .message("Task security groups let TCP 443 out " + (partial ? "only to some public addresses" : "to no "
            + "public address") + ", but the workload reaches " + String.join(", ", publicNames)
            + " through its internet route" + (partial ? ": the pull works only if their addresses are among them"
                : ", so the pull fails"))
        .fix("Allow outbound TCP 443 from " + taskGroup.groupId() + " to 0.0.0.0/0, or add the missing endpoints.",
            "aws ec2 authorize-security-group-egress --region " + quote(snapshot.region()) + " --group-id "
                + quote(taskGroup.groupId()) + " --ip-permissions "
                + quote("IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]"));
    taskGroups.forEach(g -> builder.evidence(g.displayName() + " egress: " + Rendering.rules(g.egress())));
    return Optional.of(builder.build());
  }

  private static String describe(List<Subnet> subnets) {
    return String.join(", ", subnets.stream().map(s -> s.subnetId() + " (" + s.cidrBlock() + ")").toList());
  }
}
