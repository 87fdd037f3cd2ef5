package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * One route of a route table.
 *
 * @param destination a CIDR, or {@code null} for a prefix-list route
 * @param destinationPrefixListId the prefix list a gateway endpoint route targets, e.g. the S3 list
 * @param targetId the gateway, NAT gateway, endpoint... id, {@code local} for the VPC route
 */
public record Route(
    String destination,
    String destinationPrefixListId,
    @JsonProperty(required = true) TargetType targetType,
    String targetId) {

  /**
   * What a route sends traffic to, reduced to the kinds that decide how a task reaches AWS. {@code tgw},
   * {@code peering}, {@code eni} (a NAT instance or appliance), {@code gwlbe} (a Gateway Load Balancer or
   * Network Firewall endpoint) and {@code core-network} lead somewhere pullpath cannot see past;
   * {@code blackhole} leads nowhere. {@code other} is any further kind (and, in files written before the
   * finer kinds existed, also those).
   */
  public enum TargetType {
    LOCAL,
    IGW,
    NAT,
    VPCE,
    PREFIX_LIST,
    OTHER,
    TGW,
    PEERING,
    ENI,
    GWLBE,
    CORE_NETWORK,
    BLACKHOLE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static TargetType fromJson(String value) {
      for (TargetType type : values()) {
        if (type.json().equalsIgnoreCase(value)) {
          return type;
        }
      }
      throw new IllegalArgumentException("unknown route target type '" + value + "' (expected one of "
          + String.join(", ", java.util.Arrays.stream(values()).map(TargetType::json).toList()) + ")");
    }

    /**
     * Whether traffic sent here may go on to the internet through something pullpath does not collect: a
     * transit gateway, a peered VPC, an appliance's network interface, a firewall endpoint.
     */
    public boolean isOpaque() {
      return this == TGW || this == PEERING || this == ENI || this == GWLBE || this == CORE_NETWORK;
    }
  }

  /** The route's IPv4 destination block, empty for prefix-list and IPv6 routes. */
  public java.util.Optional<Cidr> ipv4Destination() {
    return destination != null && Cidr.isIpv4(destination)
        ? java.util.Optional.of(Cidr.parse(destination)) : java.util.Optional.empty();
  }

  /** Whether this is the IPv4 default route (0.0.0.0/0) through a target of the given type. */
  public boolean isDefaultRouteVia(TargetType type) {
    return "0.0.0.0/0".equals(destination) && targetType == type;
  }
}
