package dev.pullpath.awsfix;

import dev.pullpath.fix.AccountWriter.Tagging;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointRequest;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointRequest;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/**
 * The EC2 write requests, built in one place for the write and for its preflight twin (the same request
 * with {@code DryRun}), so the dry run asks about exactly the call the step makes.
 */
final class Ec2Writes {
  private Ec2Writes() {}

  static CreateVpcEndpointRequest interfaceEndpoint(
      String vpcId, String serviceName, List<String> subnetIds, List<String> securityGroupIds, Tagging tagging) {
    return CreateVpcEndpointRequest.builder().vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpcId)
        .serviceName(serviceName).subnetIds(subnetIds).securityGroupIds(securityGroupIds).privateDnsEnabled(true)
        .clientToken(tagging.clientToken()).tagSpecifications(tags(tagging, ResourceType.VPC_ENDPOINT)).build();
  }

  static CreateVpcEndpointRequest gatewayEndpoint(
      String vpcId, String serviceName, List<String> routeTableIds, Tagging tagging) {
    return CreateVpcEndpointRequest.builder().vpcEndpointType(VpcEndpointType.GATEWAY).vpcId(vpcId)
        .serviceName(serviceName).routeTableIds(routeTableIds).clientToken(tagging.clientToken())
        .tagSpecifications(tags(tagging, ResourceType.VPC_ENDPOINT)).build();
  }

  static ModifyVpcEndpointRequest addSubnets(String endpointId, List<String> subnetIds) {
    return ModifyVpcEndpointRequest.builder().vpcEndpointId(endpointId).addSubnetIds(subnetIds).build();
  }

  static ModifyVpcEndpointRequest addRouteTables(String endpointId, List<String> routeTableIds) {
    return ModifyVpcEndpointRequest.builder().vpcEndpointId(endpointId).addRouteTableIds(routeTableIds).build();
  }

  static ModifyVpcEndpointRequest policy(String endpointId, String policyDocument) {
    return ModifyVpcEndpointRequest.builder().vpcEndpointId(endpointId).policyDocument(policyDocument).build();
  }

  static CreateSecurityGroupRequest securityGroup(String vpcId, String groupName, String description, Tagging tagging) {
    return CreateSecurityGroupRequest.builder().vpcId(vpcId).groupName(groupName).description(description)
        .tagSpecifications(tags(tagging, ResourceType.SECURITY_GROUP)).build();
  }

  static AuthorizeSecurityGroupIngressRequest ingress(
      String groupId, int port, List<String> cidrs, List<String> sourceGroupIds) {
    IpPermission permission = IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
        .ipRanges(cidrs.stream().map(c -> IpRange.builder().cidrIp(c).build()).toList())
        .userIdGroupPairs(sourceGroupIds.stream().map(g -> UserIdGroupPair.builder().groupId(g).build()).toList())
        .build();
    return AuthorizeSecurityGroupIngressRequest.builder().groupId(groupId).ipPermissions(permission).build();
  }

  static AuthorizeSecurityGroupEgressRequest egress(
      String groupId, int port, List<String> cidrs, List<String> prefixListIds) {
    IpPermission permission = IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
        .ipRanges(cidrs.stream().map(c -> IpRange.builder().cidrIp(c).build()).toList())
        .prefixListIds(prefixListIds.stream().map(p -> PrefixListId.builder().prefixListId(p).build()).toList())
        .build();
    return AuthorizeSecurityGroupEgressRequest.builder().groupId(groupId).ipPermissions(permission).build();
  }

  private static TagSpecification tags(Tagging tagging, ResourceType type) {
    return TagSpecification.builder().resourceType(type)
        .tags(tagging.tags().entrySet().stream()
            .map(t -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(t.getKey()).value(t.getValue()).build())
            .toList())
        .build();
  }
}
