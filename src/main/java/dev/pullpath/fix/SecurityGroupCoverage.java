package dev.pullpath.fix;

import dev.pullpath.snapshot.Cidr;
import dev.pullpath.snapshot.SecurityGroupRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Whether a group's rules already let a TCP port through from (or to) a peer, so a step adds only what is
 * missing. Rules add up, as in EC2: 10.0.1.0/25 and 10.0.1.128/25 together cover 10.0.1.0/24, and a /16 a /24.
 */
final class SecurityGroupCoverage {
  private SecurityGroupCoverage() {}

  static boolean coversCidr(List<SecurityGroupRule> rules, int port, String cidr) {
    return coversCidr(rules, port, cidr, List.of(), id -> List.of());
  }

  /**
   * Whether the rules together cover {@code cidr}, or name one of {@code peerGroupIds}; prefix lists count with
   * the entries {@code prefixListEntries} knows (none while applying: a read of the group shows no entries).
   */
  static boolean coversCidr(
      Collection<SecurityGroupRule> rules, int port, String cidr, Collection<String> peerGroupIds,
      Function<String, List<Cidr>> prefixListEntries) {
    List<SecurityGroupRule> forPort = rules.stream().filter(r -> r.admitsTcpPort(port)).toList();
    if (forPort.stream().anyMatch(r -> r.groupIds().stream().anyMatch(peerGroupIds::contains))) {
      return true;
    }
    List<Cidr> blocks = new ArrayList<>();
    for (SecurityGroupRule rule : forPort) {
      rule.cidrs().stream().map(Cidr::parse).forEach(blocks::add);
      rule.prefixListIds().forEach(id -> blocks.addAll(prefixListEntries.apply(id)));
    }
    return Cidr.unionCovers(blocks, Cidr.parse(cidr));
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
