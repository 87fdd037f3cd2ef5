package dev.pullpath.fix;

import dev.pullpath.snapshot.Vpc;
import java.util.List;
import java.util.Map;

/** PP011: turns on a VPC's DNS hostnames, after DNS support (EC2 takes them in two calls, in this order). */
public record EnableVpcDnsHostnames(String vpcId) implements FixAction {
  @Override
  public int phase() {
    return Phase.VPC_DNS_HOSTNAMES;
  }

  @Override
  public String target() {
    return vpcId;
  }

  @Override
  public String describe() {
    return "Turn on DNS hostnames (enableDnsHostnames) of VPC " + vpcId;
  }

  @Override
  public ApiCall call(String region) {
    return new ApiCall("ec2", "ModifyVpcAttribute",
        Map.of("VpcId", vpcId, "EnableDnsHostnames", Map.of("Value", true)));
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("ec2", "modify-vpc-attribute", region).option("--vpc-id", vpcId)
        .option("--enable-dns-hostnames", "{\"Value\":true}").toString();
  }

  @Override
  public boolean additive() {
    return false;
  }

  @Override
  public List<String> iamActions() {
    return List.of("ec2:ModifyVpcAttribute", "ec2:DescribeVpcAttribute");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "vpc", vpcId));
  }

  @Override
  public String observe(AccountReader account) {
    return account.vpc(vpcId).map(v -> "enableDnsHostnames=" + v.enableDnsHostnames()).orElse("no VPC " + vpcId);
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.vpc(vpcId).map(Vpc::enableDnsHostnames).orElse(false);
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.enableVpcDnsHostnames(vpcId);
  }
}
