package dev.pullpath.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What {@link AccountSnapshot}'s lookups answer from, built once with the snapshot: maps by id, by VPC,
 * by subnet, and per-VPC facts computed on first use and then kept. Rules ask per service, so without it
 * every lookup walked a whole list and a scan took time in the square of the account's size.
 *
 * <p>It is part of the snapshot only through a hidden record component ({@link Cache}): not in the JSON,
 * equal to every other (two snapshots with the same data are equal), and new with every constructor call,
 * so it always matches the lists it indexes. Where a list holds several items with one key, the first one wins, as the
 * list walks it replaces did.
 */
public final class SnapshotIndex {
  private final Map<String, Vpc> vpcs = new HashMap<>();
  private final Map<String, Subnet> subnets = new HashMap<>();
  private final Map<String, SecurityGroup> securityGroups = new HashMap<>();
  private final Map<String, RouteTable> routeTables = new HashMap<>();
  private final Map<String, RouteTable> explicitRouteTableOfSubnet = new HashMap<>();
  private final Map<String, RouteTable> mainRouteTableOfVpc = new HashMap<>();
  private final Map<String, Map<String, List<VpcEndpoint>>> endpointsByVpcAndService = new HashMap<>();
  private final Map<String, List<VpcEndpoint>> endpointsByVpc = new HashMap<>();
  private final Map<String, List<VpcEndpoint>> endpointsByRouteTable = new HashMap<>();
  private final Map<VpcEndpoint, Integer> endpointOrder = new IdentityHashMap<>();
  private final Map<String, TaskDefinition> taskDefinitionsByArn = new HashMap<>();
  private final Map<String, TaskDefinition> taskDefinitionsByFamilyRevision = new HashMap<>();
  private final Map<String, TaskDefinition> latestTaskDefinitionOfFamily = new HashMap<>();
  private final Map<String, IamRole> rolesByArn = new HashMap<>();
  private final Map<String, IamRole> rolesByName = new HashMap<>();
  private final Map<String, SecretInfo> secretsByArn = new HashMap<>();
  private final Map<String, SecretInfo> secretsByName = new HashMap<>();
  /** By ARN without the "-" and six characters Secrets Manager appends, as a partial ARN names a secret. */
  private final Map<String, SecretInfo> secretsByPartialArn = new HashMap<>();
  private final Map<String, SimulationResult> simulations = new HashMap<>();
  private final Map<String, Repository> repositories = new HashMap<>();
  private final Map<String, LogGroup> logGroups = new HashMap<>();
  private final Map<String, ManagedPrefixList> prefixLists = new HashMap<>();
  private final Map<String, EcsService> servicesByWorkload = new HashMap<>();
  private final Map<String, VpcEndpoint> endpointsById = new HashMap<>();
  private final Map<String, List<EcsService>> servicesByTaskDefinitionReference = new HashMap<>();
  private final Set<SnapshotPart> unreadable = EnumSet.noneOf(SnapshotPart.class);
  private final List<EcsService> services;
  /** Per-VPC facts, computed once per snapshot on first use. */
  private final Map<String, List<Subnet>> workloadSubnetsOfVpc = new ConcurrentHashMap<>();

  SnapshotIndex(AccountSnapshot s) {
    s.vpcs().forEach(v -> vpcs.putIfAbsent(v.vpcId(), v));
    s.subnets().forEach(n -> subnets.putIfAbsent(n.subnetId(), n));
    s.securityGroups().forEach(g -> securityGroups.putIfAbsent(g.groupId(), g));
    for (RouteTable table : s.routeTables()) {
      routeTables.putIfAbsent(table.routeTableId(), table);
      table.subnetIds().forEach(id -> explicitRouteTableOfSubnet.putIfAbsent(id, table));
      if (table.main()) {
        mainRouteTableOfVpc.putIfAbsent(table.vpcId(), table);
      }
    }
    for (VpcEndpoint endpoint : s.vpcEndpoints()) {
      endpointOrder.putIfAbsent(endpoint, endpointOrder.size());
      endpointsById.putIfAbsent(endpoint.vpcEndpointId(), endpoint);
      endpointsByVpcAndService.computeIfAbsent(endpoint.vpcId(), k -> new HashMap<>())
          .computeIfAbsent(endpoint.serviceName(), k -> new ArrayList<>()).add(endpoint);
      endpointsByVpc.computeIfAbsent(endpoint.vpcId(), k -> new ArrayList<>()).add(endpoint);
      endpoint.routeTableIds().forEach(id -> endpointsByRouteTable.computeIfAbsent(id, k -> new ArrayList<>())
          .add(endpoint));
    }
    for (TaskDefinition td : s.taskDefinitions()) {
      taskDefinitionsByArn.putIfAbsent(td.taskDefinitionArn(), td);
      taskDefinitionsByFamilyRevision.putIfAbsent(td.family() + ":" + td.revision(), td);
      latestTaskDefinitionOfFamily.merge(td.family(), td, (a, b) -> b.revision() > a.revision() ? b : a);
    }
    for (IamRole role : s.iamRoles()) {
      rolesByArn.putIfAbsent(role.arn(), role);
      rolesByName.putIfAbsent(role.roleName(), role);
    }
    s.repositories().forEach(r -> repositories.putIfAbsent(r.repositoryName(), r));
    s.logGroups().forEach(g -> logGroups.putIfAbsent(g.logGroupName(), g));
    s.managedPrefixLists().forEach(l -> prefixLists.putIfAbsent(l.prefixListId(), l));
    for (SecretInfo secret : s.secrets()) {
      secretsByArn.putIfAbsent(secret.arn(), secret);
      secretsByName.putIfAbsent(secret.name(), secret);
      if (secret.arn().length() > 7 && secret.arn().charAt(secret.arn().length() - 7) == '-') {
        secretsByPartialArn.putIfAbsent(secret.arn().substring(0, secret.arn().length() - 7), secret);
      }
    }
    s.simulations().forEach(r -> simulations.putIfAbsent(simulationKey(r.principalArn(), r.action(), r.resource()), r));
    s.unreadable().forEach(u -> unreadable.add(u.part()));
    this.services = s.services();
    for (EcsService service : services) {
      servicesByWorkload.putIfAbsent(service.workloadName(), service);
      servicesByTaskDefinitionReference.computeIfAbsent(service.taskDefinitionArn(), k -> new ArrayList<>()).add(service);
    }
  }

  VpcEndpoint endpoint(String endpointId) {
    return endpointsById.get(endpointId);
  }

  EcsService service(String workloadName) {
    return servicesByWorkload.get(workloadName);
  }

  List<EcsService> servicesReferencing(String taskDefinitionReference) {
    return servicesByTaskDefinitionReference.getOrDefault(taskDefinitionReference, List.of());
  }

  Vpc vpc(String id) {
    return vpcs.get(id);
  }

  Subnet subnet(String id) {
    return subnets.get(id);
  }

  SecurityGroup securityGroup(String id) {
    return securityGroups.get(id);
  }

  RouteTable routeTable(String id) {
    return routeTables.get(id);
  }

  RouteTable explicitRouteTableOf(String subnetId) {
    return explicitRouteTableOfSubnet.get(subnetId);
  }

  RouteTable mainRouteTableOf(String vpcId) {
    return mainRouteTableOfVpc.get(vpcId);
  }

  List<VpcEndpoint> endpoints(String vpcId, String serviceName) {
    return endpointsByVpcAndService.getOrDefault(vpcId, Map.of()).getOrDefault(serviceName, List.of());
  }

  List<VpcEndpoint> endpointsIn(String vpcId) {
    return endpointsByVpc.getOrDefault(vpcId, List.of());
  }

  /** Endpoints associated with any of the route tables, each once, in the snapshot's order. */
  List<VpcEndpoint> endpointsOfRouteTables(Iterable<String> routeTableIds) {
    Set<VpcEndpoint> found = new LinkedHashSet<>();
    for (String id : routeTableIds) {
      found.addAll(endpointsByRouteTable.getOrDefault(id, List.of()));
    }
    List<VpcEndpoint> ordered = new ArrayList<>(found);
    ordered.sort(Comparator.comparing(endpointOrder::get));
    return ordered;
  }

  TaskDefinition taskDefinition(String arn) {
    return taskDefinitionsByArn.get(arn);
  }

  TaskDefinition taskDefinition(String family, int revision) {
    return taskDefinitionsByFamilyRevision.get(family + ":" + revision);
  }

  TaskDefinition latestTaskDefinition(String family) {
    return latestTaskDefinitionOfFamily.get(family);
  }

  IamRole roleByArn(String arn) {
    return rolesByArn.get(arn);
  }

  IamRole roleByName(String name) {
    return rolesByName.get(name);
  }

  Repository repository(String name) {
    return repositories.get(name);
  }

  LogGroup logGroup(String name) {
    return logGroups.get(name);
  }

  ManagedPrefixList managedPrefixList(String id) {
    return prefixLists.get(id);
  }

  SecretInfo secretByArn(String arn) {
    return secretsByArn.get(arn);
  }

  SecretInfo secretByPartialArn(String arn) {
    return secretsByPartialArn.get(arn);
  }

  SecretInfo secretByName(String name) {
    return secretsByName.get(name);
  }

  SimulationResult simulation(String principalArn, String action, String resource) {
    return simulations.get(simulationKey(principalArn, action, resource));
  }

  boolean isReadable(SnapshotPart part) {
    return !unreadable.contains(part);
  }

  /**
   * Every subnet in {@code vpcId} that some service runs in, each once, by AZ and then id: computed for
   * all VPCs in one pass over the services the first time any VPC is asked for.
   */
  List<Subnet> workloadSubnetsIn(String vpcId, Function<EcsService, List<Subnet>> subnetsOf) {
    if (workloadSubnetsOfVpc.isEmpty()) {
      synchronized (workloadSubnetsOfVpc) {
        if (workloadSubnetsOfVpc.isEmpty()) {
          Map<String, Set<Subnet>> byVpc = new HashMap<>();
          for (EcsService service : services) {
            for (Subnet subnet : subnetsOf.apply(service)) {
              byVpc.computeIfAbsent(subnet.vpcId(), k -> new LinkedHashSet<>()).add(subnet);
            }
          }
          Map<String, List<Subnet>> sorted = new HashMap<>();
          byVpc.forEach((vpc, found) -> sorted.put(vpc, found.stream()
              .sorted(Comparator.comparing(Subnet::availabilityZone).thenComparing(Subnet::subnetId))
              .toList()));
          // A marker entry, so an account without workload subnets is not computed again and again.
          sorted.put("", List.of());
          workloadSubnetsOfVpc.putAll(sorted);
        }
      }
    }
    return workloadSubnetsOfVpc.getOrDefault(vpcId, List.of());
  }

  /**
   * The snapshot's hidden component: builds the index on first use, once (a snapshot is immutable, so
   * the index never goes stale). Equal to every other, so it never decides whether two snapshots are equal.
   */
  public static final class Cache {
    private volatile SnapshotIndex built;

    Cache() {}

    SnapshotIndex of(AccountSnapshot snapshot) {
      SnapshotIndex index = built;
      if (index == null) {
        synchronized (this) {
          index = built;
          if (index == null) {
            index = new SnapshotIndex(snapshot);
            built = index;
          }
        }
      }
      return index;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Cache;
    }

    @Override
    public int hashCode() {
      return 0;
    }

    @Override
    public String toString() {
      return "index";
    }
  }

  private static String simulationKey(String principalArn, String action, String resource) {
    return principalArn + "\n" + action + "\n" + resource;
  }

}
