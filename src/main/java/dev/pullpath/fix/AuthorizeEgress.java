package dev.pullpath.fix;

import dev.pullpath.snapshot.SecurityGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PP005: adds outbound TCP 443 from a task security group to the S3 prefix list its gateway endpoint routes. */
public record AuthorizeEgress(String groupId, int port, List<String> prefixListIds) implements FixAction {

  public AuthorizeEgress {
    prefixListIds = Lists.sorted(prefixListIds == null ? List.of() : prefixListIds);
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
    return "Allow outbound TCP " + port + " from " + groupId + " to " + String.join(", ", prefixListIds);
  }

  @Override
  public ApiCall call(String region) {
    Map<String, Object> permission = new LinkedHashMap<>();
    permission.put("IpProtocol", "tcp");
    permission.put("FromPort", port);
    permission.put("ToPort", port);
    permission.put("PrefixListIds", prefixListIds.stream().map(p -> Map.of("PrefixListId", p)).toList());
    return new ApiCall("ec2", "AuthorizeSecurityGroupEgress", Map.of("GroupId", groupId, "IpPermissions", List.of(permission)));
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("ec2", "authorize-security-group-egress", region).option("--group-id", groupId)
        .option("--ip-permissions", "IpProtocol=tcp,FromPort=" + port + ",ToPort=" + port + ",PrefixListIds=["
            + String.join(",", prefixListIds.stream().map(p -> "{PrefixListId=" + p + "}").toList()) + "]")
        .toString();
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
    return account.securityGroup(groupId).map(this::covered).orElse(false);
  }

  private boolean covered(SecurityGroup group) {
    return prefixListIds.stream().allMatch(p -> SecurityGroupCoverage.coversPrefixList(group.egress(), port, p));
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    SecurityGroup group = account.securityGroup(groupId).orElseThrow();
    List<String> missing = prefixListIds.stream()
        .filter(p -> !SecurityGroupCoverage.coversPrefixList(group.egress(), port, p)).toList();
    return account.authorizeEgress(groupId, port, List.of(), missing);
  }
}
