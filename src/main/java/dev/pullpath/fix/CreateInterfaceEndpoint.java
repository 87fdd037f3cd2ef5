package dev.pullpath.fix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PP001/PP002/PP004/PP012: creates the interface endpoint a VPC lacks, with private DNS, in one workload
 * subnet per AZ and with the security group that admits the tasks. Planned only when the VPC has no
 * endpoint for the service: a second private-DNS endpoint for a service fails.
 *
 * @param securityGroupIds existing groups; empty when the group is {@value CreateEndpointSecurityGroup#GROUP_NAME},
 *     created by an earlier step of the plan and found by name when applying
 */
public record CreateInterfaceEndpoint(
    String vpcId, String serviceName, List<String> subnetIds, List<String> securityGroupIds)
    implements EndpointCreation {

  public CreateInterfaceEndpoint {
    subnetIds = List.copyOf(subnetIds);
    securityGroupIds = List.copyOf(securityGroupIds);
  }

  private List<String> groupsShown() {
    return securityGroupIds.isEmpty() ? List.of(CreateEndpointSecurityGroup.GROUP_NAME) : securityGroupIds;
  }

  @Override
  public String endpointType() {
    return "Interface";
  }

  @Override
  public Map<String, Object> placement() {
    Map<String, Object> placement = new LinkedHashMap<>();
    placement.put("SubnetIds", subnetIds);
    placement.put("SecurityGroupIds", groupsShown());
    placement.put("PrivateDnsEnabled", true);
    return placement;
  }

  @Override
  public String describe() {
    return "Create interface endpoint " + serviceName + " in " + vpcId + " (private DNS) in " + String.join(", ", subnetIds)
        + " with " + String.join(", ", groupsShown());
  }

  @Override
  public String awsCli(String region) {
    return createCommand(region).option("--subnet-ids", subnetIds)
        .option("--security-group-ids", securityGroupIds.isEmpty() ? List.of("$group_id") : securityGroupIds)
        .flag("--private-dns-enabled").toString().replace("'$group_id'", "\"$group_id\"");
  }

  @Override
  public String costNote() {
    return "interface endpoint: billed per AZ-hour (" + subnetIds.size() + " AZ" + (subnetIds.size() == 1 ? "" : "s")
        + ") plus per GB processed";
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "vpc", vpcId), Arns.ec2(region, accountId, "vpc-endpoint", "*"),
        Arns.ec2(region, accountId, "subnet", "*"), Arns.ec2(region, accountId, "security-group", "*"));
  }

  @Override
  public boolean isDone(AccountReader account) {
    return anyEndpoint(account, e -> e.isInterface() && e.isAvailable() && e.subnetIds().containsAll(subnetIds));
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    List<String> groups = securityGroupIds;
    if (groups.isEmpty()) {
      groups = List.of(account.securityGroupNamed(vpcId, CreateEndpointSecurityGroup.GROUP_NAME)
          .orElseThrow(() -> new FixRefusedException("security group " + CreateEndpointSecurityGroup.GROUP_NAME
              + " does not exist in " + vpcId + "; its step must run first"))
          .groupId());
    }
    return account.createInterfaceEndpoint(vpcId, serviceName, subnetIds, groups, tagging);
  }
}
