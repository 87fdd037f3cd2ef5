package dev.pullpath.fix;

import dev.pullpath.snapshot.SecurityGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PP001/PP002/PP004/PP012 in a VPC with no interface endpoint whose group could be reused: creates the group
 * {@value #GROUP_NAME} admitting TCP 443 from the task subnets, for the endpoints the same plan creates.
 * A group of that name left by an earlier run is reused, so a rerun never creates a second one.
 */
public record CreateEndpointSecurityGroup(String vpcId, List<String> cidrs) implements FixAction {
  public static final String GROUP_NAME = "pullpath-endpoints";
  private static final int HTTPS = 443;

  public CreateEndpointSecurityGroup {
    cidrs = Lists.sorted(cidrs);
  }

  /** What the group admits: HTTPS from the task subnets. */
  private TcpPermission permission() {
    return new TcpPermission(HTTPS, cidrs, List.of(), List.of());
  }

  @Override
  public int phase() {
    return Phase.SECURITY_GROUPS;
  }

  @Override
  public String target() {
    return vpcId + "/" + GROUP_NAME;
  }

  @Override
  public String describe() {
    return "Create security group " + GROUP_NAME + " in " + vpcId + " admitting TCP 443 from " + String.join(", ", cidrs);
  }

  @Override
  public ApiCall call(String region) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("VpcId", vpcId);
    p.put("GroupName", GROUP_NAME);
    p.put("Description", description());
    p.put("TagSpecifications", "pullpath:plan=PLAN-ID");
    p.put("then AuthorizeSecurityGroupIngress", "tcp 443 from " + cidrs);
    return new ApiCall("ec2", "CreateSecurityGroup", p);
  }

  private String description() {
    return "Interface endpoints of " + vpcId + ": HTTPS from the ECS task subnets (pullpath)";
  }

  @Override
  public String awsCli(String region) {
    return awsCli(region, AwsCliCommand.of("ec2", "create-security-group", region));
  }

  /** With apply's plan tag on the group (CreateSecurityGroup takes no client token: the name is unique per VPC). */
  @Override
  public String awsCli(String region, AccountWriter.Tagging tagging) {
    return awsCli(region, AwsCliCommand.of("ec2", "create-security-group", region)
        .tagSpecifications("security-group", tagging.tags()));
  }

  private String awsCli(String region, AwsCliCommand create) {
    return "group_id=$(" + create.option("--vpc-id", vpcId)
        .option("--group-name", GROUP_NAME).option("--description", description())
        .option("--query", "GroupId").option("--output", "text") + ") && "
        + AwsCliCommand.of("ec2", "authorize-security-group-ingress", region) + " --group-id \"$group_id\" "
        + "--ip-permissions " + dev.pullpath.check.ShellQuote.quote(permission().cliShorthand());
  }

  @Override
  public boolean additive() {
    return true;
  }

  @Override
  public List<String> iamActions() {
    return List.of("ec2:CreateSecurityGroup", "ec2:CreateTags", "ec2:AuthorizeSecurityGroupIngress",
        "ec2:DescribeSecurityGroups");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.ec2(region, accountId, "vpc", vpcId), Arns.ec2(region, accountId, "security-group", "*"));
  }

  @Override
  public String observe(AccountReader account) {
    return account.securityGroupNamed(vpcId, GROUP_NAME)
        .map(g -> "group " + g.groupId() + " ingress " + SecurityGroupCoverage.describe(g.ingress(), HTTPS))
        .orElse("no group " + GROUP_NAME);
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.securityGroupNamed(vpcId, GROUP_NAME)
        .filter(g -> permission().coveredBy(g.ingress())).isPresent();
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    Optional<SecurityGroup> existing = account.securityGroupNamed(vpcId, GROUP_NAME);
    String groupId;
    List<String> requestIds = new java.util.ArrayList<>();
    if (existing.isPresent()) {
      groupId = existing.get().groupId();
    } else {
      AccountWriter.Written created = account.createSecurityGroup(vpcId, GROUP_NAME, description(), tagging);
      requestIds.addAll(created.requestIds());
      groupId = created.createdId();
    }
    SecurityGroup group = account.securityGroup(groupId)
        .orElseThrow(() -> new FixRefusedException("security group " + groupId + " is not readable after creating it"));
    List<String> missing = permission().missingFrom(group.ingress()).cidrs();
    if (!missing.isEmpty()) {
      requestIds.addAll(account.authorizeIngress(groupId, HTTPS, missing, List.of()).requestIds());
    }
    return new AccountWriter.Written(requestIds, groupId);
  }
}
