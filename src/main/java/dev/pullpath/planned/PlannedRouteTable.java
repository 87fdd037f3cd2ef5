package dev.pullpath.planned;

import dev.pullpath.check.SourcePosition;
import dev.pullpath.snapshot.Route;
import dev.pullpath.snapshot.Route.TargetType;
import java.util.List;

/**
 * A route table a template or plan creates or updates, with its inline routes.
 *
 * @param address the CloudFormation logical id or Terraform address
 * @param routeTableId the existing table the file updates (a Terraform update), {@code null} for a new one
 * @param routes the table's routes besides the VPC's local route, which EC2 adds to every table
 * @param position where the file declares the table
 */
public record PlannedRouteTable(
    String file, String address, String routeTableId, String vpcId, List<Route> routes, SourcePosition position) {
  public PlannedRouteTable {
    routes = List.copyOf(routes);
  }

  /** The table's id in the overlaid account: its own when it exists, else {@code planned:ADDRESS}. */
  public String id() {
    return routeTableId != null ? routeTableId : PlannedSecurityGroup.PLANNED + address;
  }

  /**
   * A route declared on its own ({@code AWS::EC2::Route}, {@code aws_route}), added to the table it names,
   * planned or in the account, replacing a route of the same destination.
   */
  public record PlannedRoute(String file, String address, String routeTableId, Route route, SourcePosition position) {}

  /**
   * A subnet's explicit association ({@code AWS::EC2::SubnetRouteTableAssociation},
   * {@code aws_route_table_association}): a subnet has one, so this moves the subnet to the table.
   */
  public record Association(String file, String address, String routeTableId, String subnetId,
      SourcePosition position) {}

  /**
   * What a route sends traffic to, by the attribute that names the target (CloudFormation's
   * {@code NatGatewayId} or Terraform's {@code nat_gateway_id}), as the collector classifies live routes.
   */
  static TargetType targetType(String attribute, String target, boolean cidrDestination) {
    String name = attribute.replace("_", "").toLowerCase(java.util.Locale.ROOT);
    return switch (name) {
      case "natgatewayid" -> TargetType.NAT;
      case "transitgatewayid" -> TargetType.TGW;
      case "vpcpeeringconnectionid" -> TargetType.PEERING;
      case "networkinterfaceid", "instanceid" -> TargetType.ENI;
      case "corenetworkarn" -> TargetType.CORE_NETWORK;
      // A CIDR route to an endpoint goes to a Gateway Load Balancer or Network Firewall endpoint.
      case "vpcendpointid" -> cidrDestination ? TargetType.GWLBE : TargetType.VPCE;
      case "gatewayid" -> target.startsWith("vpce-") ? (cidrDestination ? TargetType.GWLBE : TargetType.VPCE)
          : target.startsWith("vgw-") ? TargetType.OTHER : target.equals("local") ? TargetType.LOCAL : TargetType.IGW;
      default -> TargetType.OTHER;
    };
  }

  /** The target attributes of a route, in the CloudFormation spelling (Terraform's are their snake case). */
  static final List<String> TARGETS = List.of("GatewayId", "NatGatewayId", "TransitGatewayId",
      "VpcPeeringConnectionId", "NetworkInterfaceId", "VpcEndpointId", "InstanceId", "CoreNetworkArn",
      "EgressOnlyInternetGatewayId", "CarrierGatewayId", "LocalGatewayId");

  static String snake(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
