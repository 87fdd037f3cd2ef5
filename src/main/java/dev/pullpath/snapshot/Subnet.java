package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A subnet. Its route table is not stored here: see {@link AccountSnapshot#effectiveRouteTable}. */
public record Subnet(
    @JsonProperty(required = true) String subnetId,
    @JsonProperty(required = true) String vpcId,
    @JsonProperty(required = true) String availabilityZone,
    @JsonProperty(required = true) String cidrBlock) {

  public Subnet {
    Validate.text(subnetId, "subnetId");
    Validate.text(vpcId, "vpcId");
    Validate.text(availabilityZone, "availabilityZone");
    Validate.cidr(Validate.text(cidrBlock, "cidrBlock"), "cidrBlock");
  }
}
