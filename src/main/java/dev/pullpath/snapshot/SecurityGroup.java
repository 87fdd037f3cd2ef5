package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A security group with its inbound and outbound permissions. */
public record SecurityGroup(
    @JsonProperty(required = true) String groupId,
    String groupName,
    @JsonProperty(required = true) String vpcId,
    List<SecurityGroupRule> ingress,
    List<SecurityGroupRule> egress) {

  public SecurityGroup {
    Validate.text(groupId, "groupId");
    Validate.text(vpcId, "vpcId");
    ingress = ingress == null ? List.of() : List.copyOf(ingress);
    egress = egress == null ? List.of() : List.copyOf(egress);
  }

  /** "sg-123 (name)" for messages. */
  public String displayName() {
    return groupName == null || groupName.isBlank() ? groupId : groupId + " (" + groupName + ")";
  }
}
