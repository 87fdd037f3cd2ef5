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
    implements FixAction {

  public AuthorizeIngress {
    cidrs = Lists.sorted(cidrs == null ? List.of() : cidrs);
    sourceGroupIds = Lists.sorted(sourceGroupIds == null ? List.of() : sourceGroupIds);
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
    return "Allow inbound TCP " + port + " on " + groupId + " from " + String.join(", ", peers());
  }

  private List<String> peers() {
    return Lists.sortedUnion(cidrs, sourceGroupIds);
  }

  @Override
  public ApiCall call(String region) {
    Map<String, Object> permission = new LinkedHashMap<>();
    permission.put("IpProtocol", "tcp");
    permission.put("FromPort", port);
    permission.put("ToPort", port);
    permission.put("IpRanges", cidrs.stream().map(c -> Map.of("CidrIp", c)).toList());
    permission.put("UserIdGroupPairs", sourceGroupIds.stream().map(g -> Map.of("GroupId", g)).toList());
    return new ApiCall("ec2", "AuthorizeSecurityGroupIngress", Map.of("GroupId", groupId, "IpPermissions", List.of(permission)));
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("ec2", "authorize-security-group-ingress", region).option("--group-id", groupId)
        .option("--ip-permissions", ipPermissions()).toString();
  }

  private String ipPermissions() {
    StringBuilder text = new StringBuilder("IpProtocol=tcp,FromPort=" + port + ",ToPort=" + port);
    if (!cidrs.isEmpty()) {
      text.append(",IpRanges=[").append(String.join(",", cidrs.stream().map(c -> "{CidrIp=" + c + "}").toList())).append(']');
    }
    if (!sourceGroupIds.isEmpty()) {
      text.append(",UserIdGroupPairs=[")
          .append(String.join(",", sourceGroupIds.stream().map(g -> "{GroupId=" + g + "}").toList())).append(']');
    }
    return text.toString();
  }

  @Override
  public boolean additive() {
    return true;
  }

  @Override
  public List<String> iamActions() {
    return List.of("ec2:AuthorizeSecurityGroupIngress", "ec2:DescribeSecurityGroups");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "security-group", groupId));
  }

  @Override
  public String observe(AccountReader account) {
    return account.securityGroup(groupId).map(g -> "ingress " + SecurityGroupCoverage.describe(g.ingress(), port))
        .orElse("no security group " + groupId);
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.securityGroup(groupId).map(this::covered).orElse(false);
  }

  private boolean covered(SecurityGroup group) {
    return cidrs.stream().allMatch(c -> SecurityGroupCoverage.coversCidr(group.ingress(), port, c))
        && sourceGroupIds.stream().allMatch(g -> SecurityGroupCoverage.coversGroup(group.ingress(), port, g));
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    // Only the peers still missing: EC2 refuses a whole request when one of its rules already exists.
    SecurityGroup group = account.securityGroup(groupId).orElseThrow();
    List<String> missingCidrs = cidrs.stream()
        .filter(c -> !SecurityGroupCoverage.coversCidr(group.ingress(), port, c)).toList();
    List<String> missingGroups = sourceGroupIds.stream()
        .filter(g -> !SecurityGroupCoverage.coversGroup(group.ingress(), port, g)).toList();
    return account.authorizeIngress(groupId, port, missingCidrs, missingGroups);
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
