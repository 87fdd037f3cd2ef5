package dev.pullpath.rules;

import dev.pullpath.snapshot.SecurityGroupRule;
import java.util.ArrayList;
import java.util.List;

/** Short, human-readable forms of snapshot values for finding evidence. */
final class Rendering {
  private Rendering() {}

  /** e.g. {@code tcp 443 from 10.0.0.0/16, sg-1; all traffic from sg-2}, or {@code none}. */
  static String rules(List<SecurityGroupRule> rules) {
    if (rules.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (SecurityGroupRule rule : rules) {
      List<String> peers = new ArrayList<>(rule.cidrs());
      peers.addAll(rule.ipv6Cidrs());
      peers.addAll(rule.groupIds());
      peers.addAll(rule.prefixListIds());
      parts.add(ports(rule) + ": " + String.join(", ", peers));
    }
    return String.join("; ", parts);
  }

  private static String ports(SecurityGroupRule rule) {
    if ("-1".equals(rule.protocol())) {
      return "all traffic";
    }
    if (rule.fromPort() == null || rule.fromPort() == -1) {
      return rule.protocol() + " all ports";
    }
    return rule.protocol() + " " + (rule.fromPort().equals(rule.toPort())
        ? String.valueOf(rule.fromPort())
        : rule.fromPort() + "-" + rule.toPort());
  }
}
