package dev.pullpath.fix;

import dev.pullpath.snapshot.VpcEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A step that creates a VPC endpoint, interface or gateway. Both are one CreateVpcEndpoint call, planned
 * against the VPC having no endpoint for the service, so {@link CreateInterfaceEndpoint} and
 * {@link CreateGatewayEndpoint} differ in where the endpoint goes (subnets and groups, or route tables), what
 * it costs and when it counts as there.
 */
interface EndpointCreation extends FixAction {
  String vpcId();

  String serviceName();

  /** {@code Interface} or {@code Gateway}, as CreateVpcEndpoint names the type. */
  String endpointType();

  /** The parameters that say where the endpoint goes, in the order the plan shows them. */
  Map<String, Object> placement();

  @Override
  default int phase() {
    return Phase.ENDPOINTS;
  }

  /** The VPC and the service: the endpoint has no id before it exists. */
  @Override
  default String target() {
    return vpcId() + "/" + serviceName();
  }

  @Override
  default ApiCall call(String region) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("VpcEndpointType", endpointType());
    p.put("VpcId", vpcId());
    p.put("ServiceName", serviceName());
    p.putAll(placement());
    p.put("ClientToken", "(derived from plan id and step)");
    p.put("TagSpecifications", "pullpath:plan=PLAN-ID");
    return new ApiCall("ec2", "CreateVpcEndpoint", p);
  }

  /** {@code aws ec2 create-vpc-endpoint} of the type, VPC and service; the caller adds the placement. */
  default AwsCliCommand createCommand(String region) {
    return AwsCliCommand.of("ec2", "create-vpc-endpoint", region).option("--vpc-endpoint-type", endpointType())
        .option("--vpc-id", vpcId()).option("--service-name", serviceName());
  }

  /** With apply's client token (a rerun returns the endpoint already made) and its plan tag. */
  @Override
  default String awsCli(String region, AccountWriter.Tagging tagging) {
    return awsCli(region) + " " + AwsCliCommand.words().option("--client-token", tagging.clientToken())
        .tagSpecifications("vpc-endpoint", tagging.tags());
  }

  @Override
  default boolean additive() {
    return true;
  }

  @Override
  default List<String> iamActions() {
    return List.of("ec2:CreateVpcEndpoint", "ec2:CreateTags", "ec2:DescribeVpcEndpoints");
  }

  /** The ids of the VPC's endpoints for the service: a step is planned against none. */
  @Override
  default String observe(AccountReader account) {
    return "endpoints " + account.endpoints(vpcId(), serviceName()).stream().map(VpcEndpoint::vpcEndpointId).sorted()
        .toList();
  }

  /** Whether one of the VPC's endpoints for the service is as wanted. */
  default boolean anyEndpoint(AccountReader account, Predicate<VpcEndpoint> wanted) {
    return account.endpoints(vpcId(), serviceName()).stream().anyMatch(wanted);
  }
}
