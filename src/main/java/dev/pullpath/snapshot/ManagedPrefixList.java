package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A managed prefix list a security group rule names, with its entries, as {@code DescribeManagedPrefixLists}
 * and {@code GetManagedPrefixListEntries} report it. Rules use the entries to decide what such a rule admits.
 *
 * @param name e.g. {@code com.amazonaws.eu-west-1.s3} for an AWS-managed list, the user's name otherwise
 * @param entries the list's CIDR blocks (IPv4 and IPv6 as EC2 reports them)
 */
public record ManagedPrefixList(
    @JsonProperty(required = true) String prefixListId,
    String name,
    List<String> entries) {

  public ManagedPrefixList {
    Validate.text(prefixListId, "prefixListId");
    entries = entries == null ? List.of() : List.copyOf(entries);
  }

  /** The IPv4 entries; IPv6 ones do not matter to IPv4 tasks. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public List<Cidr> ipv4Entries() {
    return entries.stream().filter(Cidr::isIpv4).map(Cidr::parse).toList();
  }
}
