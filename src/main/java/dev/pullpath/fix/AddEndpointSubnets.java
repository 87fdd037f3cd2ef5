package dev.pullpath.fix;

import java.util.List;

/** PP001/PP002/PP004/PP012: adds a workload subnet in each AZ an existing interface endpoint misses. */
public record AddEndpointSubnets(String endpointId, List<String> subnetIds) implements EndpointAddition {
  public AddEndpointSubnets {
    subnetIds = Lists.sorted(subnetIds);
  }

  @Override
  public List<String> addedIds() {
    return subnetIds;
  }

  @Override
  public Added added() {
    return SUBNETS;
  }

  @Override
  public String describe() {
    return "Add subnets " + String.join(", ", subnetIds) + " to interface endpoint " + endpointId;
  }

  @Override
  public String costNote() {
    return "interface endpoint: billed per AZ-hour, " + subnetIds.size() + " more AZ" + (subnetIds.size() == 1 ? "" : "s");
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.addEndpointSubnets(endpointId, subnetIds);
  }

  @Override
  public FixAction mergeWith(FixAction other) {
    return other instanceof AddEndpointSubnets o && o.endpointId.equals(endpointId)
        ? new AddEndpointSubnets(endpointId, Lists.sortedUnion(subnetIds, o.subnetIds)) : null;
  }
}
