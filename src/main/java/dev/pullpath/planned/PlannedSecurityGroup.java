package dev.pullpath.planned;

import dev.pullpath.check.SourcePosition;
import dev.pullpath.snapshot.SecurityGroupRule;
import java.util.List;

/**
 * A security group a template or plan creates or updates, with its inline rules.
 *
 * @param address the CloudFormation logical id or Terraform address
 * @param groupId the existing group the file updates (a Terraform update), {@code null} for a new one
 * @param vpcId the group's VPC
 * @param position where the file declares the group
 */
public record PlannedSecurityGroup(
    String file,
    String address,
    String groupId,
    String vpcId,
    String groupName,
    List<SecurityGroupRule> ingress,
    List<SecurityGroupRule> egress,
    SourcePosition position) {
  /** How the id of a resource that does not exist yet starts: {@code planned:WebSecurityGroup}. */
  public static final String PLANNED = "planned:";

  public PlannedSecurityGroup {
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
  }

  /** The group's id in the overlaid account: its own when it exists, else {@code planned:ADDRESS}. */
  public String id() {
    return groupId != null ? groupId : PLANNED + address;
  }

  /**
   * A rule declared on its own ({@code AWS::EC2::SecurityGroupIngress}, {@code aws_security_group_rule},
   * {@code aws_vpc_security_group_ingress_rule}), added to the group it names, planned or in the account.
   *
   * @param groupId the group's id, {@code planned:ADDRESS} for a group the same files create
   */
  public record Rule(String file, String address, String groupId, boolean ingress, SecurityGroupRule rule,
      SourcePosition position) {}
}
