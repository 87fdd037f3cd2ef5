package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A VPC and the two attributes that interface endpoints with private DNS depend on.
 *
 * @param enableDnsSupport EC2 {@code DescribeVpcAttribute enableDnsSupport}
 * @param enableDnsHostnames EC2 {@code DescribeVpcAttribute enableDnsHostnames}
 */
public record Vpc(
    @JsonProperty(required = true) String vpcId,
    String cidrBlock,
    @JsonProperty(required = true) boolean enableDnsSupport,
    @JsonProperty(required = true) boolean enableDnsHostnames) {

  public Vpc {
    Validate.text(vpcId, "vpcId");
    Validate.cidr(cidrBlock, "cidrBlock");
  }
}
