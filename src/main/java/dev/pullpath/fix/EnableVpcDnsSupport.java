package dev.pullpath.fix;

/** PP011: turns on a VPC's DNS resolution, which private DNS names of interface endpoints need. */
public record EnableVpcDnsSupport(String vpcId) implements VpcDnsAttributeChange {
  @Override
  public int phase() {
    return Phase.VPC_DNS_SUPPORT;
  }

  @Override
  public Attribute attribute() {
    return DNS_SUPPORT;
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.enableVpcDnsSupport(vpcId);
  }
}
