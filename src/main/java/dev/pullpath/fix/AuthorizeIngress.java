package dev.pullpath.fix;

import dev.pullpath.snapshot.SecurityGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PP005/PP010: adds inbound TCP rules for one port to a security group: 443 from the task subnets to an
 * endpoint's group, or a container port from the peer given with {@code --allow-ingress}. Only peers not
 * already admitted are added; nothing is revoked.
 */
public record AuthorizeIngress(String groupId, int port, List<String> cidrs, List<String> sourceGroupIds)
    implements SecurityGroupRuleAddition {

  public AuthorizeIngress {
    cidrs = Lists.sorted(cidrs == null ? List.of() : cidrs);
    sourceGroupIds = Lists.sorted(sourceGroupIds == null ? List.of() : sourceGroupIds);
  }

  @Override
  public Direction direction() {
    return INGRESS;
  }

  @Override
  public TcpPermission permission() {
    return new TcpPermission(port, cidrs, List.of(), sourceGroupIds);
  }

  @Override
  public String describe() {
    return "Allow inbound TCP " + port + " on " + groupId + " from " + String.join(", ", permission().peers());
  }

  @Override
  public ApiCall call(String region) {
    Map<String, Object> permission = new LinkedHashMap<>(permission().apiParameter());
    // Ingress steps have always shown both kinds of peer, an empty one too; kept so saved plans read the same.
    permission.putIfAbsent("IpRanges", List.of());
    permission.putIfAbsent("UserIdGroupPairs", List.of());
    return callWith(permission);
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    // Only the peers still missing: EC2 refuses a whole request when one of its rules already exists.
    SecurityGroup group = account.securityGroup(groupId).orElseThrow();
    TcpPermission missing = missingFrom(group);
    return account.authorizeIngress(groupId, port, missing.cidrs(), missing.groupIds());
  }

  @Override
  public FixAction mergeWith(FixAction other) {
    if (other instanceof AuthorizeIngress o && o.groupId.equals(groupId) && o.port == port) {
      return new AuthorizeIngress(groupId, port, Lists.sortedUnion(cidrs, o.cidrs),
          Lists.sortedUnion(sourceGroupIds, o.sourceGroupIds));
    }
    return null;
  }
}
