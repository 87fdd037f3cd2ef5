package dev.pullpath.fix;

/** PP011: turns on a VPC's DNS hostnames, after DNS support (EC2 takes them in two calls, in this order). */
public record EnableVpcDnsHostnames(String vpcId) implements VpcDnsAttributeChange {
  @Override
  public int phase() {
    return Phase.VPC_DNS_HOSTNAMES;
  }

  @Override
  public Attribute attribute() {
    return DNS_HOSTNAMES;
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.enableVpcDnsHostnames(vpcId);
  }
}
