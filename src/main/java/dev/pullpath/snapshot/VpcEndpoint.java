package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pullpath.policy.PolicyDocument;
import java.util.List;

/**
 * A VPC endpoint as {@code DescribeVpcEndpoints} reports it.
 *
 * @param type {@code Interface}, {@code Gateway} or {@code GatewayLoadBalancer}
 * @param state {@code available}, {@code pending}, ...: only {@code available} carries traffic
 * @param subnetIds the subnets holding an interface endpoint's network interfaces
 * @param routeTableIds the route tables a gateway endpoint is associated with
 * @param securityGroupIds an interface endpoint's security groups
 * @param policyDocument {@code null} when the endpoint has no policy, which means full access
 */
public record VpcEndpoint(
    @JsonProperty(required = true) String vpcEndpointId,
    @JsonProperty(required = true) String vpcId,
    @JsonProperty(required = true) String serviceName,
    @JsonProperty(required = true) String type,
    @JsonProperty(required = true) String state,
    List<String> subnetIds,
    List<String> routeTableIds,
    List<String> securityGroupIds,
    boolean privateDnsEnabled,
    PolicyDocument policyDocument) {

  public VpcEndpoint {
    Validate.text(vpcEndpointId, "vpcEndpointId");
    Validate.text(vpcId, "vpcId");
    Validate.text(serviceName, "serviceName");
    Validate.text(type, "type");
    Validate.text(state, "state");
    subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
    routeTableIds = routeTableIds == null ? List.of() : List.copyOf(routeTableIds);
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isAvailable() {
    return "available".equalsIgnoreCase(state);
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isInterface() {
    return "Interface".equalsIgnoreCase(type);
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isGateway() {
    return "Gateway".equalsIgnoreCase(type);
  }
}
