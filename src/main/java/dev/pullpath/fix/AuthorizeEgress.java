package dev.pullpath.fix;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pullpath.snapshot.SecurityGroup;
import java.util.List;

/**
 * PP005: adds outbound TCP 443 from a task security group to what the tasks must reach: the S3 prefix list its
 * gateway endpoint routes, and the subnets of the interface endpoints (tasks resolve an endpoint's name to its
 * network interfaces, which sit in those subnets). One step per task group; only destinations not yet allowed
 * are added, nothing is revoked.
 *
 * @param cidrs endpoint subnet CIDRs; absent from the plan JSON when empty (as in plans saved before it existed)
 */
public record AuthorizeEgress(
    String groupId, int port, List<String> prefixListIds,
    // Left out when empty, so a plan saved before this field existed keeps its plan id.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> cidrs) implements SecurityGroupRuleAddition {

  public AuthorizeEgress {
    prefixListIds = Lists.sorted(prefixListIds == null ? List.of() : prefixListIds);
    cidrs = Lists.sorted(cidrs == null ? List.of() : cidrs);
  }

  @Override
  public Direction direction() {
    return EGRESS;
  }

  @Override
  public TcpPermission permission() {
    return new TcpPermission(port, cidrs, prefixListIds, List.of());
  }

  @Override
  public String describe() {
    return "Allow outbound TCP " + port + " from " + groupId + " to " + String.join(", ", permission().peers());
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    // Only the destinations still missing: EC2 refuses a whole request when one of its rules already exists.
    SecurityGroup group = account.securityGroup(groupId)
        .orElseThrow(() -> new FixRefusedException("security group " + groupId + " no longer exists"));
    TcpPermission missing = missingFrom(group);
    return account.authorizeEgress(groupId, port, missing.cidrs(), missing.prefixListIds());
  }

  @Override
  public FixAction mergeWith(FixAction other) {
    if (other instanceof AuthorizeEgress o && o.groupId.equals(groupId) && o.port == port) {
      return new AuthorizeEgress(groupId, port, Lists.sortedUnion(prefixListIds, o.prefixListIds),
          Lists.sortedUnion(cidrs, o.cidrs));
    }
    return null;
  }
}
