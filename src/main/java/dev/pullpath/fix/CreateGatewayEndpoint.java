package dev.pullpath.fix;

import dev.pullpath.snapshot.VpcEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PP003: creates the S3 gateway endpoint of a VPC that has none, on the task subnets' route tables. */
public record CreateGatewayEndpoint(String vpcId, String serviceName, List<String> routeTableIds) implements FixAction {
  public CreateGatewayEndpoint {
    routeTableIds = Lists.sorted(routeTableIds);
  }

  @Override
  public int phase() {
    return Phase.ENDPOINTS;
  }

  @Override
  public String target() {
    return vpcId + "/" + serviceName;
  }

  @Override
  public String describe() {
    return "Create gateway endpoint " + serviceName + " in " + vpcId + " on " + String.join(", ", routeTableIds);
  }

  @Override
  public ApiCall call(String region) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("VpcEndpointType", "Gateway");
    p.put("VpcId", vpcId);
    p.put("ServiceName", serviceName);
    p.put("RouteTableIds", routeTableIds);
    p.put("ClientToken", "(derived from plan id and step)");
    p.put("TagSpecifications", "pullpath:plan=PLAN-ID");
    return new ApiCall("ec2", "CreateVpcEndpoint", p);
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("ec2", "create-vpc-endpoint", region).option("--vpc-endpoint-type", "Gateway")
        .option("--vpc-id", vpcId).option("--service-name", serviceName).option("--route-table-ids", routeTableIds)
        .toString();
  }

  @Override
  public boolean additive() {
    return true;
  }

  @Override
  public String costNote() {
    return "S3 gateway endpoint: no charge";
  }

  @Override
  public List<String> iamActions() {
    return List.of("ec2:CreateVpcEndpoint", "ec2:CreateTags", "ec2:DescribeVpcEndpoints");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "vpc", vpcId), Arns.ec2(region, accountId, "vpc-endpoint", "*"),
        Arns.ec2(region, accountId, "route-table", "*"));
  }

  @Override
  public String observe(AccountReader account) {
    return "endpoints " + account.endpoints(vpcId, serviceName).stream().map(VpcEndpoint::vpcEndpointId).sorted().toList();
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.endpoints(vpcId, serviceName).stream()
        .anyMatch(e -> e.isGateway() && e.routeTableIds().containsAll(routeTableIds));
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.createGatewayEndpoint(vpcId, serviceName, routeTableIds, tagging);
  }

  @Override
  public FixAction mergeWith(FixAction other) {
    return other instanceof CreateGatewayEndpoint o && o.target().equals(target())
        ? new CreateGatewayEndpoint(vpcId, serviceName, Lists.sortedUnion(routeTableIds, o.routeTableIds)) : null;
  }
}
