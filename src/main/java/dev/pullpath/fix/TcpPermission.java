package dev.pullpath.fix;

import dev.pullpath.snapshot.SecurityGroupRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * TCP on one port to or from peers (CIDR blocks, prefix lists, security groups): the IpPermission the
 * security-group steps authorize, as the plan shows it and as the AWS CLI takes it, and the part of it a
 * group's rules do not cover yet. Steps send only that part: EC2 refuses a whole request when one of its
 * rules already exists.
 */
record TcpPermission(int port, List<String> cidrs, List<String> prefixListIds, List<String> groupIds) {
  TcpPermission {
    cidrs = List.copyOf(cidrs);
    prefixListIds = List.copyOf(prefixListIds);
    groupIds = List.copyOf(groupIds);
  }

  /** Every peer, sorted. */
  List<String> peers() {
    return Lists.sortedUnion(Lists.sortedUnion(cidrs, prefixListIds), groupIds);
  }

  /** The API's IpPermission; a kind of peer the permission has none of is left out. */
  Map<String, Object> apiParameter() {
    Map<String, Object> permission = new LinkedHashMap<>();
    permission.put("IpProtocol", "tcp");
    permission.put("FromPort", port);
    permission.put("ToPort", port);
    if (!cidrs.isEmpty()) {
      permission.put("IpRanges", cidrs.stream().map(c -> Map.of("CidrIp", c)).toList());
    }
    if (!prefixListIds.isEmpty()) {
      permission.put("PrefixListIds", prefixListIds.stream().map(p -> Map.of("PrefixListId", p)).toList());
    }
    if (!groupIds.isEmpty()) {
      permission.put("UserIdGroupPairs", groupIds.stream().map(g -> Map.of("GroupId", g)).toList());
    }
    return permission;
  }

  /** The AWS CLI's shorthand for {@code --ip-permissions}, not yet shell-quoted. */
  String cliShorthand() {
    StringBuilder text = new StringBuilder("IpProtocol=tcp,FromPort=" + port + ",ToPort=" + port);
    appendShorthand(text, "IpRanges", "CidrIp", cidrs);
    appendShorthand(text, "PrefixListIds", "PrefixListId", prefixListIds);
    appendShorthand(text, "UserIdGroupPairs", "GroupId", groupIds);
    return text.toString();
  }

  private static void appendShorthand(StringBuilder text, String list, String key, List<String> values) {
    if (!values.isEmpty()) {
      text.append(',').append(list).append("=[")
          .append(String.join(",", values.stream().map(v -> "{" + key + "=" + v + "}").toList())).append(']');
    }
  }

  /** The peers {@code rules} do not let through on this port yet, as EC2 adds rules up. */
  TcpPermission missingFrom(List<SecurityGroupRule> rules) {
    return new TcpPermission(port,
        uncovered(rules, cidrs, (r, c) -> SecurityGroupCoverage.coversCidr(r, port, c)),
        uncovered(rules, prefixListIds, (r, p) -> SecurityGroupCoverage.coversPrefixList(r, port, p)),
        uncovered(rules, groupIds, (r, g) -> SecurityGroupCoverage.coversGroup(r, port, g)));
  }

  private static List<String> uncovered(
      List<SecurityGroupRule> rules, List<String> peers, BiPredicate<List<SecurityGroupRule>, String> covers) {
    return peers.stream().filter(peer -> !covers.test(rules, peer)).toList();
  }

  /** Whether {@code rules} already let every peer through on this port. */
  boolean coveredBy(List<SecurityGroupRule> rules) {
    return missingFrom(rules).peers().isEmpty();
  }
}
