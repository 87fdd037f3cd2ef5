package dev.pullpath.fix;

import dev.pullpath.snapshot.Vpc;
import java.util.List;
import java.util.Map;

/** PP011: turns on a VPC's DNS resolution, which private DNS names of interface endpoints need. */
public record EnableVpcDnsSupport(String vpcId) implements FixAction {
  @Override
  public int phase() {
    return Phase.VPC_DNS_SUPPORT;
  }

  @Override
  public String target() {
    return vpcId;
  }

  @Override
  public String describe() {
    return "Turn on DNS resolution (enableDnsSupport) of VPC " + vpcId;
  }

  @Override
  public ApiCall call(String region) {
    return new ApiCall("ec2", "ModifyVpcAttribute", Map.of("VpcId", vpcId, "EnableDnsSupport", Map.of("Value", true)));
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("ec2", "modify-vpc-attribute", region).option("--vpc-id", vpcId)
        .option("--enable-dns-support", "{\"Value\":true}").toString();
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
    return account.vpc(vpcId).map(v -> "enableDnsSupport=" + v.enableDnsSupport()).orElse("no VPC " + vpcId);
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.vpc(vpcId).map(Vpc::enableDnsSupport).orElse(false);
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.enableVpcDnsSupport(vpcId);
  }
}
