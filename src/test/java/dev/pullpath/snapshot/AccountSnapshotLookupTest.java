package dev.pullpath.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The indexed lookups answer what the list walks they replace answered. */
class AccountSnapshotLookupTest {
  private static final AccountSnapshot BROKEN = SnapshotJson.read(Path.of("examples/seed-broken.json"));

  @Test
  void lookupsAgreeWithTheLists() {
    for (Subnet subnet : BROKEN.subnets()) {
      assertThat(BROKEN.subnet(subnet.subnetId())).containsSame(subnet);
      RouteTable expected = BROKEN.routeTables().stream().filter(t -> t.subnetIds().contains(subnet.subnetId()))
          .findFirst()
          .or(() -> BROKEN.routeTables().stream().filter(t -> t.main() && t.vpcId().equals(subnet.vpcId())).findFirst())
          .orElse(null);
      assertThat(BROKEN.effectiveRouteTable(subnet).orElse(null)).isSameAs(expected);
    }
    for (VpcEndpoint endpoint : BROKEN.vpcEndpoints()) {
      assertThat(BROKEN.endpoints(endpoint.vpcId(), endpoint.serviceName())).isEqualTo(BROKEN.vpcEndpoints().stream()
          .filter(e -> e.vpcId().equals(endpoint.vpcId()) && e.serviceName().equals(endpoint.serviceName())).toList());
      assertThat(BROKEN.endpointsOfRouteTables(endpoint.routeTableIds())).isEqualTo(BROKEN.vpcEndpoints().stream()
          .filter(e -> e.routeTableIds().stream().anyMatch(endpoint.routeTableIds()::contains)).toList());
    }
    for (Vpc vpc : BROKEN.vpcs()) {
      assertThat(BROKEN.workloadSubnetsIn(vpc.vpcId())).isEqualTo(BROKEN.services().stream()
          .flatMap(s -> BROKEN.subnetsOf(s).stream()).filter(s -> s.vpcId().equals(vpc.vpcId())).distinct()
          .sorted(java.util.Comparator.comparing(Subnet::availabilityZone).thenComparing(Subnet::subnetId)).toList());
    }
    for (EcsService service : BROKEN.services()) {
      assertThat(BROKEN.service(service.workloadName())).containsSame(service);
      assertThat(BROKEN.servicesReferencing(service.taskDefinitionArn())).isEqualTo(BROKEN.services().stream()
          .filter(s -> s.taskDefinitionArn().equals(service.taskDefinitionArn())).toList());
    }
    for (VpcEndpoint endpoint : BROKEN.vpcEndpoints()) {
      assertThat(BROKEN.vpcEndpoint(endpoint.vpcEndpointId())).containsSame(endpoint);
    }
    assertThat(BROKEN.subnet("subnet-unknown")).isEmpty();
    assertThat(BROKEN.workloadSubnetsIn("vpc-unknown")).isEmpty();
    assertThat(BROKEN.service("no-cluster/no-service")).isEmpty();
    assertThat(BROKEN.servicesReferencing("arn:aws:ecs:ap-northeast-1:111122223333:task-definition/none:1")).isEmpty();
    assertThat(BROKEN.vpcEndpoint("vpce-unknown")).isEmpty();
  }

  @Test
  void theFirstOfTwoItemsWithOneIdWinsAndTheLatestRevisionOfAFamily() {
    Vpc first = new Vpc("vpc-1", "10.0.0.0/16", true, true);
    Vpc second = new Vpc("vpc-1", "10.1.0.0/16", false, false);
    TaskDefinition app2 = new TaskDefinition("arn:aws:ecs:eu-west-1:111122223333:task-definition/app:2", "app", 2,
        null, List.of());
    TaskDefinition app10 = new TaskDefinition("arn:aws:ecs:eu-west-1:111122223333:task-definition/app:10", "app", 10,
        null, List.of());
    AccountSnapshot snapshot = new AccountSnapshot(1, "111122223333", "eu-west-1", null, List.of(first, second),
        null, null, null, null, null, List.of(app10, app2), null, null, null, null, null, null);

    assertThat(snapshot.vpc("vpc-1")).containsSame(first);
    assertThat(snapshot.taskDefinition("app")).containsSame(app10);
    assertThat(snapshot.taskDefinition("app:2")).containsSame(app2);
    assertThat(snapshot.taskDefinition("arn:aws:ecs:eu-west-1:111122223333:task-definition/app:2")).containsSame(app2);
    assertThat(snapshot.taskDefinition("app:3")).isEmpty();
    assertThat(snapshot.taskDefinition("other")).isEmpty();
    // The index is not data: equal snapshots stay equal, whatever was looked up in them.
    AccountSnapshot same = new AccountSnapshot(1, "111122223333", "eu-west-1", null, List.of(first, second),
        null, null, null, null, null, List.of(app10, app2), null, null, null, null, null, null);
    assertThat(snapshot).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(SnapshotJson.write(snapshot)).doesNotContain("index");
  }
}
