package dev.pullpath.fix;

import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SecurityGroupRule;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A step that adds TCP rules for one port to an existing security group, inbound or outbound. The twin EC2
 * calls take the same IpPermissions and the rules read back the same way, so {@link AuthorizeIngress} and
 * {@link AuthorizeEgress} differ only in the direction and in the kinds of peer they allow.
 */
interface SecurityGroupRuleAddition extends FixAction {
  String groupId();

  int port();

  Direction direction();

  /** The port and peers the step allows. */
  TcpPermission permission();

  /** Which rules of the group, in each of the names EC2, its CLI, IAM and a person know them by. */
  record Direction(
      String word, String operation, String cliOperation, Function<SecurityGroup, List<SecurityGroupRule>> rules) {}

  Direction INGRESS =
      new Direction("ingress", "AuthorizeSecurityGroupIngress", "authorize-security-group-ingress", SecurityGroup::ingress);
  Direction EGRESS =
      new Direction("egress", "AuthorizeSecurityGroupEgress", "authorize-security-group-egress", SecurityGroup::egress);

  /** The peers the group's rules in this direction do not let through yet: all a write may send. */
  default TcpPermission missingFrom(SecurityGroup group) {
    return permission().missingFrom(direction().rules().apply(group));
  }

  @Override
  default int phase() {
    return Phase.SECURITY_GROUP_RULES;
  }

  @Override
  default String target() {
    return groupId();
  }

  @Override
  default ApiCall call(String region) {
    return callWith(permission().apiParameter());
  }

  /** The call as the plan shows it, with {@code permission} as its one IpPermission. */
  default ApiCall callWith(Map<String, Object> permission) {
    return new ApiCall("ec2", direction().operation(), Map.of("GroupId", groupId(), "IpPermissions", List.of(permission)));
  }

  @Override
  default String awsCli(String region) {
    return AwsCliCommand.of("ec2", direction().cliOperation(), region).option("--group-id", groupId())
        .option("--ip-permissions", permission().cliShorthand()).toString();
  }

  @Override
  default boolean additive() {
    return true;
  }

  @Override
  default List<String> iamActions() {
    return List.of("ec2:" + direction().operation(), "ec2:DescribeSecurityGroups");
  }

  @Override
  default List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "security-group", groupId()));
  }

  @Override
  default String observe(AccountReader account) {
    return account.securityGroup(groupId())
        .map(g -> direction().word() + " " + SecurityGroupCoverage.describe(direction().rules().apply(g), port()))
        .orElse("no security group " + groupId());
  }

  @Override
  default boolean isDone(AccountReader account) {
    return account.securityGroup(groupId()).map(g -> permission().coveredBy(direction().rules().apply(g))).orElse(false);
  }
}
