package dev.pullpath.rules;

import static dev.pullpath.check.ShellQuote.quote;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.ContainerDefinition.PortMapping;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "PP010",
    name = "service-port-ingress",
    title = "Service security groups admit the container ports",
    summary = "A task whose image pulled fine is still useless if nothing can reach it: the service's security "
        + "groups must admit each container port of its task definition (the seed's httpd service needs TCP 80).",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.TASK_DEFINITIONS, SnapshotPart.SECURITY_GROUPS,
        SnapshotPart.SUBNETS, SnapshotPart.VPCS})
public final class ServicePortIngressRule extends AbstractRule {
  private record ContainerPort(ContainerDefinition container, PortMapping mapping) {}

  @Override
  public List<Finding> check(AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    for (EcsService service : snapshot.services()) {
      Optional<TaskDefinition> td = snapshot.taskDefinitionOf(service);
      List<SecurityGroup> groups = snapshot.securityGroupsOf(service);
      if (td.isEmpty() || groups.isEmpty()) {
        continue;
      }
      List<ContainerPort> closed = new ArrayList<>();
      int ports = 0;
      for (ContainerDefinition container : td.get().containers()) {
        for (PortMapping mapping : container.portMappings()) {
          ports++;
          boolean admitted = groups.stream().flatMap(g -> g.ingress().stream())
              .anyMatch(rule -> rule.admitsPort(mapping.protocol(), mapping.containerPort()));
          if (!admitted) {
            closed.add(new ContainerPort(container, mapping));
          }
        }
      }
      // No port open at all: nothing reaches the tasks. Some ports closed: often a sidecar's port that is
      // meant to stay private, so a warning, not a failed build.
      Severity severity = closed.size() == ports ? Severity.ERROR : Severity.WARNING;
      for (ContainerPort port : closed) {
        findings.add(closedPort(snapshot, service, port.container(), port.mapping(), groups, severity));
      }
    }
    return findings;
  }

  private Finding closedPort(
      AccountSnapshot snapshot, EcsService service, ContainerDefinition container, PortMapping mapping,
      List<SecurityGroup> groups, Severity severity) {
    SecurityGroup group = groups.get(0);
    // The VPC CIDR, not 0.0.0.0/0 as in the seed: tasks in private subnets are reached through a load
    // balancer or from inside the VPC, and a narrower rule is the safer default to paste.
    String source = snapshot.vpcOf(service).map(Vpc::cidrBlock).orElse("SOURCE_CIDR");
    Finding.Builder builder = finding(Resources.securityGroup(snapshot, group.groupId()), service.workloadName())
        .severity(severity)
        .message("Security groups of " + service.workloadName() + " do not admit " + mapping.protocol() + " port "
            + mapping.containerPort() + " of container " + container.name())
        .fix("Allow inbound " + mapping.protocol() + " " + mapping.containerPort() + " on " + group.groupId()
                + " from the load balancer's security group or the VPC CIDR.",
            "aws ec2 authorize-security-group-ingress --region " + quote(snapshot.region()) + " --group-id "
                + quote(group.groupId()) + " --protocol " + quote(mapping.protocol()) + " --port "
                + mapping.containerPort() + " --cidr " + quote(source));
    groups.forEach(g -> builder.evidence(g.displayName() + " ingress: " + Rendering.rules(g.ingress())));
    return builder.build();
  }
}
