package dev.pullpath.rules;

import static dev.pullpath.check.ShellQuote.quote;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.ArrayList;
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
      for (VpcEndpoint endpoint : requiredEndpoints(snapshot, service, vpc.get())) {
        checkIngress(snapshot, service, endpoint).ifPresent(findings::add);
        if (!taskGroups.isEmpty()) {
          checkEgress(snapshot, service, taskGroups, endpoint).ifPresent(findings::add);
        }
      }
      if (!taskGroups.isEmpty()) {
        checkS3Egress(snapshot, service, taskGroups).ifPresent(findings::add);
      }
    }
    return findings;
  }

  /** The available interface endpoints the workload depends on; missing ones are PP001, PP002, PP004, PP012. */
  private static List<VpcEndpoint> requiredEndpoints(AccountSnapshot snapshot, EcsService service, Vpc vpc) {
    List<VpcEndpoint> endpoints = new ArrayList<>();
    for (String suffix : RequiredEndpoints.of(snapshot, service)) {
      snapshot.availableInterfaceEndpoint(vpc.vpcId(), suffix).ifPresent(endpoints::add);
    }
    return endpoints;
  }

  private Optional<Finding> checkIngress(AccountSnapshot snapshot, EcsService service, VpcEndpoint endpoint) {
    List<SecurityGroup> endpointGroups = endpoint.securityGroupIds().stream()
        .map(snapshot::securityGroup).flatMap(Optional::stream).toList();
    if (endpointGroups.isEmpty()) {
      return Optional.empty();
    }
    List<Subnet> blocked = new ArrayList<>();
    for (Subnet subnet : snapshot.subnetsOf(service)) {
      if (!NetworkPaths.coversTcp(
          NetworkPaths.ingressOf(endpointGroups), HTTPS, subnet.cidrBlock(), service.securityGroupIds())) {
        blocked.add(subnet);
      }
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
    for (String subnetId : endpoint.subnetIds()) {
      snapshot.subnet(subnetId).ifPresent(subnet -> {
        if (!NetworkPaths.coversTcp(
            NetworkPaths.egressOf(taskGroups), HTTPS, subnet.cidrBlock(), endpoint.securityGroupIds())) {
          unreachable.add(subnet.subnetId() + " (" + subnet.cidrBlock() + ")");
        }
      });
    }
    if (unreachable.isEmpty()) {
      return Optional.empty();
    }
    SecurityGroup taskGroup = taskGroups.get(0);
    String peer = endpoint.securityGroupIds().isEmpty()
        ? "IpRanges=[{CidrIp=" + snapshot.vpcOf(service).map(Vpc::cidrBlock).orElse("VPC_CIDR") + "}]"
        : "UserIdGroupPairs=[{GroupId=" + endpoint.securityGroupIds().get(0) + "}]";
    Finding.Builder builder = finding(Resources.securityGroup(snapshot, taskGroup.groupId()), service.workloadName())
        .severity(Severity.WARNING)
        .message("Task security groups do not let TCP 443 out to endpoint " + endpoint.vpcEndpointId() + " ("
            + endpoint.serviceName() + ") in " + String.join(", ", unreachable))
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
    if (NetworkPaths.coversTcpToPrefixList(NetworkPaths.egressOf(taskGroups), HTTPS, prefixLists)) {
      return Optional.empty();
    }
    SecurityGroup taskGroup = taskGroups.get(0);
    String prefixList = prefixLists.isEmpty() ? "S3_PREFIX_LIST_ID" : prefixLists.iterator().next();
    Finding.Builder builder = finding(Resources.securityGroup(snapshot, taskGroup.groupId()), service.workloadName())
        .severity(Severity.WARNING)
        .message("Task security groups do not let TCP 443 out to S3 (prefix list "
            + (prefixLists.isEmpty() ? "of " + snapshot.endpointServiceName("s3") : prefixList)
            + "), so image layers cannot be downloaded")
        .fix("Allow outbound TCP 443 from " + taskGroup.groupId() + " to the S3 prefix list.",
            "aws ec2 authorize-security-group-egress --region " + quote(snapshot.region()) + " --group-id "
                + quote(taskGroup.groupId()) + " --ip-permissions "
                + quote("IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=" + prefixList + "}]"));
    taskGroups.forEach(g -> builder.evidence(g.displayName() + " egress: " + Rendering.rules(g.egress())));
    return Optional.of(builder.build());
  }

  private static String describe(List<Subnet> subnets) {
    return String.join(", ", subnets.stream().map(s -> s.subnetId() + " (" + s.cidrBlock() + ")").toList());
  }
}
