package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One ingress or egress permission of a security group, in EC2's {@code IpPermission} shape.
 *
 * @param protocol {@code tcp}, {@code udp}, {@code icmp}, a protocol number, or {@code -1} for all traffic
 * @param fromPort first port, {@code null} or {@code -1} when the protocol has no ports or is {@code -1}
 * @param toPort last port, inclusive
 * @param cidrs IPv4 peers
 * @param groupIds security groups named as peers
 * @param prefixListIds managed prefix lists named as peers
 */
public record SecurityGroupRule(
    @JsonProperty(required = true) String protocol,
    Integer fromPort,
    Integer toPort,
    List<String> cidrs,
    List<String> ipv6Cidrs,
    List<String> groupIds,
    List<String> prefixListIds) {

  public SecurityGroupRule {
    Validate.text(protocol, "protocol");
    cidrs = cidrs == null ? List.of() : List.copyOf(cidrs);
    cidrs.forEach(c -> Validate.cidr(c, "cidrs"));
    ipv6Cidrs = ipv6Cidrs == null ? List.of() : List.copyOf(ipv6Cidrs);
    groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
    prefixListIds = prefixListIds == null ? List.of() : List.copyOf(prefixListIds);
  }

  /** Whether the rule lets TCP traffic to {@code port} through; all-traffic rules count. */
  public boolean admitsTcpPort(int port) {
    return admitsPort("tcp", port);
  }

  /** Whether the rule covers {@code port} of {@code transport} ({@code tcp} or {@code udp}). */
  public boolean admitsPort(String transport, int port) {
    if ("-1".equals(protocol) || "all".equalsIgnoreCase(protocol)) {
      return true;
    }
    String number = "tcp".equalsIgnoreCase(transport) ? "6" : "udp".equalsIgnoreCase(transport) ? "17" : "";
    if (!protocol.equalsIgnoreCase(transport) && !protocol.equals(number)) {
      return false;
    }
    if (fromPort == null || toPort == null || fromPort == -1) {
      return true;
    }
    return fromPort <= port && port <= toPort;
  }
}
