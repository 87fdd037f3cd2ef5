package dev.pullpath.planned;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.Route;
import dev.pullpath.snapshot.RouteTable;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.UnreadablePart;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Planned route tables, routes and subnet associations of templates and plans, laid over the account. */
class PlannedRouteTablesTest {
  private static final AccountSnapshot BROKEN = SnapshotJson.read(Path.of("examples/seed-broken.json"));
  private static final String SUBNET_ON_MAIN = "subnet-0cc2222222222222c";
  private static final String S3_SERVED = "rtb-0private0000000001";

  @Test
  void associatingTheSubnetOnTheMainTableWithTheS3ServedTableClearsPp003() {
    String template = """
        Resources:
          Assoc:
            Type: AWS::EC2::SubnetRouteTableAssociation
            Properties:
              SubnetId: %s
              RouteTableId: %s
        """;
    assertThat(ruleIds(scan(BROKEN))).contains("PP003");

    PlannedOverlay fixed = PlannedOverlay.of(BROKEN,
        CloudFormationTemplates.parseAll(template.formatted(SUBNET_ON_MAIN, S3_SERVED), "t.yaml"));
    assertThat(fixed.snapshot().routeTables()).filteredOn(t -> t.routeTableId().equals(S3_SERVED)).singleElement()
        .satisfies(t -> assertThat(t.subnetIds()).containsExactlyInAnyOrder("subnet-0aa1111111111111a", SUBNET_ON_MAIN));
    assertThat(fixed.snapshot().unreadable()).isEmpty();
    assertThat(ruleIds(scan(fixed.snapshot()))).doesNotContain("PP003", "PP000");

    // Moved to the main table explicitly, the subnet still has no S3 route.
    PlannedOverlay still = PlannedOverlay.of(BROKEN,
        CloudFormationTemplates.parseAll(template.formatted(SUBNET_ON_MAIN, "rtb-0main000000000001"), "t.yaml"));
    assertThat(ruleIds(scan(still.snapshot()))).contains("PP003");
  }

  @Test
  void aNewTableResolvesByRefAndAnAssociationMovesTheSubnetOffItsOldTable() {
    String template = """
        Resources:
          Private:
            Type: AWS::EC2::RouteTable
            Properties:
              VpcId: vpc-0a1b2c3d4e5f60001
          Default:
            Type: AWS::EC2::Route
            Properties:
              RouteTableId: !Ref Private
              DestinationCidrBlock: 0.0.0.0/0
              NatGatewayId: !Ref Nat
          Nat:
            Type: AWS::EC2::NatGateway
            Properties:
              SubnetId: subnet-public
          Assoc:
            Type: AWS::EC2::SubnetRouteTableAssociation
            Properties:
              SubnetId: subnet-0aa1111111111111a
              RouteTableId: !GetAtt Private.RouteTableId
        """;

    PlannedResources read = CloudFormationTemplates.parseAll(template, "t.yaml");
    PlannedOverlay overlay = PlannedOverlay.of(BROKEN, read);

    RouteTable planned = overlay.snapshot().routeTables().stream()
        .filter(t -> t.routeTableId().equals("planned:Private")).findFirst().orElseThrow();
    assertThat(planned.routes()).extracting(Route::destination).containsExactly("10.0.0.0/16", "0.0.0.0/0");
    assertThat(planned.routes().get(1).targetType()).isEqualTo(Route.TargetType.NAT);
    assertThat(planned.routes().get(1).targetId()).isEqualTo("planned:Nat");
    // GetAtt RouteTableId is not resolved: that association is stated and the route checks wait.
    assertThat(overlay.notes()).anySatisfy(n -> assertThat(n).startsWith("t.yaml Assoc: RouteTableId is"));
    assertThat(overlay.snapshot().unreadable()).extracting(UnreadablePart::part)
        .containsExactly(SnapshotPart.ROUTE_TABLES);
    assertThat(ruleIds(scan(overlay.snapshot()))).contains("PP000").doesNotContain("PP003");

    // Without the NAT route, the planned table has no way to S3.
    PlannedOverlay byRef = PlannedOverlay.of(BROKEN, CloudFormationTemplates.parseAll(template
        .replace("!GetAtt Private.RouteTableId", "!Ref Private").replace("0.0.0.0/0", "192.168.0.0/16"), "t.yaml"));
    assertThat(byRef.snapshot().unreadable()).isEmpty();
    assertThat(byRef.snapshot().routeTables()).filteredOn(t -> t.subnetIds().contains("subnet-0aa1111111111111a"))
        .extracting(RouteTable::routeTableId).containsExactly("planned:Private");
    // The planned table has no S3 gateway route: PP003 names it, at its declaration.
    Finding pp003 = byRef.locate(scan(byRef.snapshot())).findings().stream()
        .filter(f -> f.ruleId().equals("PP003") && f.resource().id().equals("planned:Private")).findFirst()
        .orElseThrow();
    assertThat(pp003.position().file()).isEqualTo("t.yaml");
    assertThat(pp003.position().address()).isEqualTo("Private");
  }

  @Test
  void aDefaultRouteToANatGatewayMakesTheWorkloadsReachTheInternet() {
    String plan = """
        {"resource_changes": [
          {"address": "aws_route.main_nat", "mode": "managed", "type": "aws_route", "name": "main_nat",
           "change": {"actions": ["create"], "after": {"route_table_id": "rtb-0main000000000001",
             "destination_cidr_block": "0.0.0.0/0", "nat_gateway_id": null, "gateway_id": null},
             "after_unknown": {"nat_gateway_id": true, "id": true}}},
          {"address": "aws_route_table.private", "mode": "managed", "type": "aws_route_table", "name": "private",
           "change": {"actions": ["update"], "after": {"id": "rtb-0private0000000001",
             "vpc_id": "vpc-0a1b2c3d4e5f60001", "route": [
               {"cidr_block": "0.0.0.0/0", "nat_gateway_id": "nat-0aaaa000000000001", "gateway_id": "",
                "destination_prefix_list_id": ""}]},
             "after_unknown": {}}}],
         "configuration": {"root_module": {"resources": [{"address": "aws_route.main_nat",
            "expressions": {"nat_gateway_id": {"references": ["aws_nat_gateway.a.id", "aws_nat_gateway.a"]}}}]}}}
        """;
    ScanResult before = scan(BROKEN);

    PlannedOverlay overlay = PlannedOverlay.of(BROKEN, TerraformPlans.parseAll(plan, "p.json"));

    assertThat(overlay.snapshot().unreadable()).isEmpty();
    assertThat(overlay.snapshot().routeTables()).allSatisfy(t -> assertThat(t.routes())
        .anySatisfy(r -> assertThat(r.isDefaultRouteVia(Route.TargetType.NAT)).isTrue()));
    RouteTable updated = overlay.snapshot().routeTables().stream()
        .filter(t -> t.routeTableId().equals("rtb-0private0000000001")).findFirst().orElseThrow();
    assertThat(updated.subnetIds()).as("an update keeps the table's subnets").containsExactly("subnet-0aa1111111111111a");
    assertThat(updated.routes()).extracting(Route::targetType)
        .as("the inline routes replace the table's, but the S3 endpoint's route belongs to the endpoint")
        .containsExactly(Route.TargetType.LOCAL, Route.TargetType.VPCE, Route.TargetType.NAT);
    ScanResult after = scan(overlay.snapshot());
    assertThat(after.findings()).isNotEqualTo(before.findings());
    assertThat(errors(after)).as("with a NAT route, a missing endpoint no longer stops the pull")
        .isLessThan(errors(before));
  }

  @Test
  void aTerraformAssociationResolvesAPlannedTableByReference() {
    String plan = """
        {"resource_changes": [
          {"address": "aws_route_table.private", "mode": "managed", "type": "aws_route_table", "name": "private",
           "change": {"actions": ["create"], "after": {"vpc_id": "vpc-0a1b2c3d4e5f60001", "route": []},
             "after_unknown": {"id": true}}},
          {"address": "aws_route_table_association.c", "mode": "managed", "type": "aws_route_table_association",
           "name": "c", "change": {"actions": ["create"], "after": {"subnet_id": "subnet-0cc2222222222222c"},
             "after_unknown": {"route_table_id": true, "id": true}}},
          {"address": "aws_route_table_association.a", "mode": "managed", "type": "aws_route_table_association",
           "name": "a", "change": {"actions": ["create"], "after": {"subnet_id": "subnet-0aa1111111111111a"},
             "after_unknown": {"route_table_id": true, "id": true}}}],
         "configuration": {"root_module": {"resources": [{"address": "aws_route_table_association.c",
            "expressions": {"route_table_id": {"references": ["aws_route_table.private.id", "aws_route_table.private"]}}}]}}}
        """;

    PlannedOverlay overlay = PlannedOverlay.of(BROKEN, TerraformPlans.parseAll(plan, "p.json"));

    assertThat(overlay.snapshot().routeTables()).filteredOn(t -> t.routeTableId().equals("planned:aws_route_table.private"))
        .singleElement().satisfies(t -> assertThat(t.subnetIds()).containsExactly(SUBNET_ON_MAIN));
    assertThat(overlay.notes()).contains("p.json aws_route_table_association.a: route_table_id is known only after "
        + "apply (it depends on a resource the plan changes); the route checks wait (PP000)");
    assertThat(overlay.snapshot().unreadable()).extracting(UnreadablePart::part)
        .containsExactly(SnapshotPart.ROUTE_TABLES);
  }

  private static long errors(ScanResult result) {
    return result.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
  }

  private static ScanResult scan(AccountSnapshot snapshot) {
    return new Scanner(RuleRegistry.loadInstalled().select(List.of(), List.of())).scan(snapshot, "test", Severity.NOTE);
  }

  private static List<String> ruleIds(ScanResult result) {
    return result.findings().stream().map(Finding::ruleId).toList();
  }
}
