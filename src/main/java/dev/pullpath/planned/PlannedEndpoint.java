package dev.pullpath.planned;

import dev.pullpath.check.SourcePosition;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A VPC endpoint a template or plan creates or updates, as far as the file tells: what the file leaves
 * to the account (the VPC of its subnets, the VPC's default security group) is settled by {@link #place}.
 *
 * @param address the CloudFormation logical id or Terraform address; the endpoint's id until it has one
 * @param endpointId the existing endpoint the file updates (a Terraform update), {@code null} for a new one
 * @param serviceName e.g. {@code com.amazonaws.${AWS::Region}.ecr.api}; {@code null} when unknown
 * @param vpcId {@code null} when the file does not resolve it (then the VPC of its subnets or route tables)
 * @param securityGroupIds {@code null} when the file gives none: AWS then uses the VPC's default group
 * @param policy {@code null} for no policy, which AWS makes full access
 * @param position where the file declares the endpoint
 * @param unknowns values the file gives but pullpath cannot resolve, each stated once
 * @param unknownParts the snapshot parts whose checks must wait because of those unknowns
 */
public record PlannedEndpoint(
    String file,
    String address,
    String endpointId,
    String serviceName,
    String vpcId,
    String type,
    List<String> subnetIds,
    List<String> routeTableIds,
    List<String> securityGroupIds,
    boolean privateDnsEnabled,
    PolicyDocument policy,
    SourcePosition position,
    List<String> unknowns,
    Set<SnapshotPart> unknownParts) {

  public PlannedEndpoint {
    subnetIds = List.copyOf(subnetIds);
    routeTableIds = List.copyOf(routeTableIds);
    securityGroupIds = securityGroupIds == null ? null : List.copyOf(securityGroupIds);
    unknowns = List.copyOf(unknowns);
    unknownParts = unknownParts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(unknownParts));
  }

  /** The id the endpoint has in the overlaid account: its own when it exists, else its address. */
  public String id() {
    return endpointId != null ? endpointId : address;
  }

  /**
   * The endpoint as it will be in {@code account}, with what the account settles stated in {@code notes}
   * and the parts it leaves unknown added to {@code unknown}; empty when it cannot be placed at all.
   */
  Optional<VpcEndpoint> place(AccountSnapshot account, List<String> notes, Set<SnapshotPart> unknown) {
    String where = file + " " + address;
    if (serviceName == null) {
      return Optional.empty(); // stated among the unknowns already
    }
    String service = serviceName.replace(CloudFormationTemplates.REGION, account.region())
        .replace(CloudFormationTemplates.ACCOUNT_ID, account.accountId());
    String vpc = vpcId;
    if (vpc == null) {
      vpc = subnetIds.stream().map(account::subnet).flatMap(Optional::stream).map(s -> s.vpcId()).findFirst()
          .or(() -> routeTableIds.stream().map(account::routeTable).flatMap(Optional::stream)
              .map(t -> t.vpcId()).findFirst())
          .orElse(null);
      if (vpc == null) {
        notes.add(where + ": its VPC is unknown (VpcId unresolved, and no subnet or route table of it is in the "
            + "account); the endpoint checks wait (PP000)");
        unknown.add(SnapshotPart.VPC_ENDPOINTS);
        return Optional.empty();
      }
    }
    List<String> groups = securityGroupIds;
    if (groups == null && "Interface".equalsIgnoreCase(type)) {
      String inVpc = vpc;
      Optional<SecurityGroup> fallback = account.securityGroups().stream()
          .filter(g -> g.vpcId().equals(inVpc) && "default".equals(g.groupName())).findFirst();
      if (fallback.isPresent()) {
        groups = List.of(fallback.get().groupId());
        notes.add(where + ": no security group given, so AWS uses the VPC's default group "
            + fallback.get().groupId());
      } else {
        groups = List.of();
        notes.add(where + ": no security group given, and the VPC's default group is not in the account; "
            + "the security group checks wait (PP000)");
        unknown.add(SnapshotPart.SECURITY_GROUPS);
      }
    }
    return Optional.of(new VpcEndpoint(id(), vpc, service, type, "available", subnetIds, routeTableIds,
        groups == null ? List.of() : groups, privateDnsEnabled, PlannedOverlay.fill(policy, account)));
  }

  /** Collects what a reader found unknown about an endpoint, and which checks must wait for it. */
  static final class Unknowns {
    final List<String> statements = new ArrayList<>();
    final Set<SnapshotPart> parts = EnumSet.noneOf(SnapshotPart.class);

    void add(String statement, SnapshotPart part) {
      statements.add(statement);
      parts.add(part);
    }
  }
}
