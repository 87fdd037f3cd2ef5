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

  /** What a route sends traffic to, reduced to the kinds that decide how a task reaches AWS. */
  public enum TargetType {
    LOCAL,
    IGW,
    NAT,
    VPCE,
    PREFIX_LIST,
    OTHER;

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
      throw new IllegalArgumentException(
          "unknown route target type '" + value + "' (expected local, igw, nat, vpce, prefix-list, other)");
    }
  }

  /** Whether this is the IPv4 default route (0.0.0.0/0) through a target of the given type. */
  public boolean isDefaultRouteVia(TargetType type) {
    return "0.0.0.0/0".equals(destination) && targetType == type;
  }
}
