package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pullpath.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Everything the rules need to know about one account in one region, collected once and then only read.
 * It is the contract between collectors and rules: a collector fills it from the AWS APIs (or it is read
 * from a JSON file), and rules judge it without calling AWS. Lists are never null and are immutable.
 *
 * @param schemaVersion the JSON format version, currently {@value #SCHEMA_VERSION}
 * @param collectedAt ISO-8601 instant of collection, informational
 * @param registryPolicy the ECR private registry's policy, {@code null} when none is set
 * @param simulations IAM Policy Simulator answers, empty when the simulator was not used
 * @param unreadable parts the collector could not read; rules reading them are reported as not evaluated
 */
public record AccountSnapshot(
    int schemaVersion,
    @JsonProperty(required = true) String accountId,
    @JsonProperty(required = true) String region,
    String collectedAt,
    List<Vpc> vpcs,
    List<Subnet> subnets,
    List<RouteTable> routeTables,
    List<VpcEndpoint> vpcEndpoints,
    List<SecurityGroup> securityGroups,
    List<EcsService> services,
    List<TaskDefinition> taskDefinitions,
    List<PullThroughCacheRule> pullThroughCacheRules,
    PolicyDocument registryPolicy,
    List<IamRole> iamRoles,
    List<SecretInfo> secrets,
    List<SimulationResult> simulations,
    List<UnreadablePart> unreadable) {

  public static final int SCHEMA_VERSION = 1;

  public AccountSnapshot {
    accountId = Validate.accountId(accountId);
    region = Validate.region(region);
    schemaVersion = schemaVersion == 0 ? SCHEMA_VERSION : schemaVersion;
    vpcs = copy(vpcs);
    subnets = copy(subnets);
    routeTables = copy(routeTables);
    vpcEndpoints = copy(vpcEndpoints);
    securityGroups = copy(securityGroups);
    services = copy(services);
    taskDefinitions = copy(taskDefinitions);
    pullThroughCacheRules = copy(pullThroughCacheRules);
    iamRoles = copy(iamRoles);
    secrets = copy(secrets);
    simulations = copy(simulations);
    unreadable = copy(unreadable);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  public Optional<Vpc> vpc(String vpcId) {
    return first(vpcs, v -> v.vpcId().equals(vpcId));
  }

  public Optional<Subnet> subnet(String subnetId) {
    return first(subnets, s -> s.subnetId().equals(subnetId));
  }

  public Optional<SecurityGroup> securityGroup(String groupId) {
    return first(securityGroups, g -> g.groupId().equals(groupId));
  }

  /**
   * A task definition by reference, resolved as ECS resolves it: a full ARN, {@code family:revision}, or a
   * bare {@code family}, which means the family's latest revision (ECS takes the latest ACTIVE one; a live
   * scan describes a service's reference as it is written, so the snapshot holds that revision).
   */
  public Optional<TaskDefinition> taskDefinition(String reference) {
    Optional<TaskDefinition> exact = first(taskDefinitions, t -> t.taskDefinitionArn().equals(reference));
    if (exact.isPresent()) {
      return exact;
    }
    TaskDefinitionReference wanted = TaskDefinitionReference.parse(reference);
    Optional<TaskDefinition> latest = Optional.empty();
    for (TaskDefinition t : taskDefinitions) {
      if (!t.family().equals(wanted.family())) {
        continue;
      }
      if (wanted.revision().isPresent() && wanted.revision().getAsInt() == t.revision()) {
        return Optional.of(t);
      }
      if (wanted.revision().isEmpty() && (latest.isEmpty() || t.revision() > latest.get().revision())) {
        latest = Optional.of(t);
      }
    }
    return latest;
  }

  /** The task definition a service runs, if the snapshot holds it. */
  public Optional<TaskDefinition> taskDefinitionOf(EcsService service) {
    return taskDefinition(service.taskDefinitionArn());
  }

  /**
   * A role by ARN, or by bare name: ECS also accepts {@code executionRoleArn: ecsTaskExecutionRole}, which
   * names a role of the same account without its path.
   */
  public Optional<IamRole> role(String arnOrName) {
    if (arnOrName.startsWith("arn:")) {
      return first(iamRoles, r -> r.arn().equals(arnOrName));
    }
    return first(iamRoles, r -> r.roleName().equals(arnOrName));
  }

  public Optional<RouteTable> routeTable(String routeTableId) {
    return first(routeTables, t -> t.routeTableId().equals(routeTableId));
  }

  /**
   * The route table that actually routes a subnet: its explicit association, else the main table of its
   * VPC (EC2 reports no association for such subnets, which is easy to miss).
   */
  public Optional<RouteTable> effectiveRouteTable(Subnet subnet) {
    Optional<RouteTable> explicit = first(routeTables, t -> t.subnetIds().contains(subnet.subnetId()));
    if (explicit.isPresent()) {
      return explicit;
    }
    return first(routeTables, t -> t.main() && t.vpcId().equals(subnet.vpcId()));
  }

  /** The service's subnets that the snapshot knows, in the service's order. */
  public List<Subnet> subnetsOf(EcsService service) {
    return resolve(service.subnetIds(), this::subnet);
  }

  /** The service's security groups that the snapshot knows, in the service's order. */
  public List<SecurityGroup> securityGroupsOf(EcsService service) {
    return resolve(service.securityGroupIds(), this::securityGroup);
  }

  /** The VPC a service runs in, found through its first known subnet. */
  public Optional<Vpc> vpcOf(EcsService service) {
    return subnetsOf(service).stream().findFirst().flatMap(s -> vpc(s.vpcId()));
  }

  /** Endpoints in a VPC for a service name such as {@code com.amazonaws.eu-west-1.ecr.dkr}. */
  public List<VpcEndpoint> endpoints(String vpcId, String serviceName) {
    return vpcEndpoints.stream()
        .filter(e -> e.vpcId().equals(vpcId) && e.serviceName().equals(serviceName))
        .toList();
  }

  /** The first available interface endpoint in a VPC for a service suffix such as {@code ecr.api}. */
  public Optional<VpcEndpoint> availableInterfaceEndpoint(String vpcId, String serviceSuffix) {
    return first(endpoints(vpcId, endpointServiceName(serviceSuffix)), e -> e.isInterface() && e.isAvailable());
  }

  /** {@code com.amazonaws.REGION.SUFFIX}, the service name of a regional AWS endpoint. */
  public String endpointServiceName(String suffix) {
    return "com.amazonaws." + region + "." + suffix;
  }

  public Optional<SecretInfo> secretByArn(String arn) {
    return first(secrets, s -> s.arn().equals(arn));
  }

  public Optional<SecretInfo> secretByName(String name) {
    return first(secrets, s -> s.name().equals(name));
  }

  /** Whether the collector failed to read a part, in which case its emptiness means nothing. */
  @JsonIgnore
  public boolean isReadable(SnapshotPart part) {
    return unreadable.stream().noneMatch(u -> u.part() == part);
  }

  private static <T> Optional<T> first(List<T> items, Predicate<T> predicate) {
    for (T item : items) {
      if (predicate.test(item)) {
        return Optional.of(item);
      }
    }
    return Optional.empty();
  }

  private static <T> List<T> resolve(List<String> ids, Function<String, Optional<T>> lookup) {
    List<T> found = new ArrayList<>();
    for (String id : ids) {
      lookup.apply(id).ifPresent(found::add);
    }
    return found;
  }
}
