package dev.pullpath.fix;

import dev.pullpath.snapshot.Cidr;
import dev.pullpath.snapshot.SecurityGroupRule;
import java.util.List;

/** Whether a group's rules already let a TCP port through from (or to) a peer, so a step adds only what is missing. */
final class SecurityGroupCoverage {
  private SecurityGroupCoverage() {}

  static boolean coversCidr(List<SecurityGroupRule> rules, int port, String cidr) {
    Cidr wanted = Cidr.parse(cidr);
    return rules.stream().filter(r -> r.admitsTcpPort(port))
        .anyMatch(r -> r.cidrs().stream().anyMatch(c -> Cidr.parse(c).contains(wanted)));
  }

  static boolean coversGroup(List<SecurityGroupRule> rules, int port, String groupId) {
    return rules.stream().filter(r -> r.admitsTcpPort(port)).anyMatch(r -> r.groupIds().contains(groupId));
  }

  static boolean coversPrefixList(List<SecurityGroupRule> rules, int port, String prefixListId) {
    return rules.stream().filter(r -> r.admitsTcpPort(port))
        .anyMatch(r -> r.prefixListIds().contains(prefixListId) || r.cidrs().contains("0.0.0.0/0"));
  }

  static String describe(List<SecurityGroupRule> rules, int port) {
    return rules.stream().filter(r -> r.admitsTcpPort(port))
        .map(r -> r.protocol() + " " + r.fromPort() + "-" + r.toPort() + " " + r.cidrs() + r.groupIds() + r.prefixListIds())
        .sorted().toList().toString();
  }
}
