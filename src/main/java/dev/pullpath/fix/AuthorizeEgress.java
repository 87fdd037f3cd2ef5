package dev.pullpath.fix;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pullpath.snapshot.SecurityGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> cidrs) implements FixAction {

  public AuthorizeEgress {
    prefixListIds = Lists.sorted(prefixListIds == null ? List.of() : prefixListIds);
    cidrs = Lists.sorted(cidrs == null ? List.of() : cidrs);
  }

  @Override
  public int phase() {
    return Phase.SECURITY_GROUP_RULES;
  }

  @Override
  public String target() {
    return groupId;
  }

  @Override
  public String describe() {
    return "Allow outbound TCP " + port + " from " + groupId + " to " + String.join(", ", Lists.sortedUnion(prefixListIds, cidrs));
  }

  @Override
  public ApiCall call(String region) {
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
    return new ApiCall("ec2", "AuthorizeSecurityGroupEgress", Map.of("GroupId", groupId, "IpPermissions", List.of(permission)));
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("ec2", "authorize-security-group-egress", region).option("--group-id", groupId)
        .option("--ip-permissions", ipPermissions()).toString();
  }

  private String ipPermissions() {
    StringBuilder text = new StringBuilder("IpProtocol=tcp,FromPort=" + port + ",ToPort=" + port);
    if (!cidrs.isEmpty()) {
      text.append(",IpRanges=[").append(String.join(",", cidrs.stream().map(c -> "{CidrIp=" + c + "}").toList())).append(']');
    }
    if (!prefixListIds.isEmpty()) {
      text.append(",PrefixListIds=[")
          .append(String.join(",", prefixListIds.stream().map(p -> "{PrefixListId=" + p + "}").toList())).append(']');
    }
    return text.toString();
  }

  @Override
  public boolean additive() {
    return true;
  }

  @Override
  public List<String> iamActions() {
    return List.of("ec2:AuthorizeSecurityGroupEgress", "ec2:DescribeSecurityGroups");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "security-group", groupId));
  }

  @Override
  public String observe(AccountReader account) {
    return account.securityGroup(groupId).map(g -> "egress " + SecurityGroupCoverage.describe(g.egress(), port))
        .orElse("no security group " + groupId);
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.securityGroup(groupId).map(g -> missingCidrs(g).isEmpty() && missingPrefixLists(g).isEmpty())
        .orElse(false);
  }

  private List<String> missingCidrs(SecurityGroup group) {
    return cidrs.stream().filter(c -> !SecurityGroupCoverage.coversCidr(group.egress(), port, c)).toList();
  }

  private List<String> missingPrefixLists(SecurityGroup group) {
    return prefixListIds.stream().filter(p -> !SecurityGroupCoverage.coversPrefixList(group.egress(), port, p)).toList();
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    // Only the destinations still missing: EC2 refuses a whole request when one of its rules already exists.
    SecurityGroup group = account.securityGroup(groupId)
        .orElseThrow(() -> new FixRefusedException("security group " + groupId + " no longer exists"));
    return account.authorizeEgress(groupId, port, missingCidrs(group), missingPrefixLists(group));
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
