package dev.pullpath.fix;

import dev.pullpath.snapshot.Vpc;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A step that turns on one DNS attribute of a VPC. Both attributes are set by the same ModifyVpcAttribute call,
 * one attribute per call (EC2 takes no more), and read back the same way, so {@link EnableVpcDnsSupport} and
 * {@link EnableVpcDnsHostnames} differ only in the attribute they name and in their order.
 */
interface VpcDnsAttributeChange extends FixAction {
  String vpcId();

  Attribute attribute();

  /** The attribute, in each of the names EC2, its CLI and a person know it by. */
  record Attribute(String label, String attributeName, String apiParameter, String cliOption, Predicate<Vpc> isOn) {}

  Attribute DNS_SUPPORT =
      new Attribute("DNS resolution", "enableDnsSupport", "EnableDnsSupport", "--enable-dns-support", Vpc::enableDnsSupport);
  Attribute DNS_HOSTNAMES = new Attribute("DNS hostnames", "enableDnsHostnames", "EnableDnsHostnames",
      "--enable-dns-hostnames", Vpc::enableDnsHostnames);

  @Override
  default String target() {
    return vpcId();
  }

  @Override
  default String describe() {
    return "Turn on " + attribute().label() + " (" + attribute().attributeName() + ") of VPC " + vpcId();
  }

  @Override
  default ApiCall call(String region) {
    return new ApiCall("ec2", "ModifyVpcAttribute",
        Map.of("VpcId", vpcId(), attribute().apiParameter(), Map.of("Value", true)));
  }

  @Override
  default String awsCli(String region) {
    return AwsCliCommand.of("ec2", "modify-vpc-attribute", region).option("--vpc-id", vpcId())
        .option(attribute().cliOption(), "{\"Value\":true}").toString();
  }

  /** Turning an attribute on changes the VPC's existing configuration. */
  @Override
  default boolean additive() {
    return false;
  }

  @Override
  default List<String> iamActions() {
    return List.of("ec2:ModifyVpcAttribute", "ec2:DescribeVpcAttribute");
  }

  @Override
  default List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "vpc", vpcId()));
  }

  @Override
  default String observe(AccountReader account) {
    return account.vpc(vpcId()).map(v -> attribute().attributeName() + "=" + attribute().isOn().test(v))
        .orElse("no VPC " + vpcId());
  }

  @Override
  default boolean isDone(AccountReader account) {
    return account.vpc(vpcId()).map(attribute().isOn()::test).orElse(false);
  }
}
