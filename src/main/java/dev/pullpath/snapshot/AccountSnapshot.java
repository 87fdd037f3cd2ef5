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
 * @param managedPrefixLists the prefix lists security group rules name, with their entries
 * @param repositories the private repositories that workloads' images name and that exist; absent in older
 *     snapshots, which then read as "none exists yet"
 * @param logGroups the {@code awslogs-group}s with {@code awslogs-create-group} that exist in the region
 * @param index the lookups' index, built on first use; not data: not in the JSON, never part of equality
 *     (pass {@code null}, or use the constructor without it)
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
    List<UnreadablePart> unreadable,
    List<ManagedPrefixList> managedPrefixLists,
    List<Repository> repositories,
    List<LogGroup> logGroups,
    @JsonIgnore SnapshotIndex.Cache index) {

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
    managedPrefixLists = copy(managedPrefixLists);
    repositories = copy(repositories);
    logGroups = copy(logGroups);
    // Always a fresh index: one handed in could index other lists.
    index = new SnapshotIndex.Cache();
  }

  public AccountSnapshot(
      int schemaVersion, String accountId, String region, String collectedAt, List<Vpc> vpcs, List<Subnet> subnets,
      List<RouteTable> routeTables, List<VpcEndpoint> vpcEndpoints, List<SecurityGroup> securityGroups,
      List<EcsService> services, List<TaskDefinition> taskDefinitions, List<PullThroughCacheRule> pullThroughCacheRules,
      PolicyDocument registryPolicy, List<IamRole> iamRoles, List<SecretInfo> secrets,
      List<SimulationResult> simulations, List<UnreadablePart> unreadable) {
    this(schemaVersion, accountId, region, collectedAt, vpcs, subnets, routeTables, vpcEndpoints, securityGroups,
        services, taskDefinitions, pullThroughCacheRules, registryPolicy, iamRoles, secrets, simulations, unreadable,
        null, null, null, null);
  }

  /** Every data field, without the index (built on first use). */
  public AccountSnapshot(
      int schemaVersion, String accountId, String region, String collectedAt, List<Vpc> vpcs, List<Subnet> subnets,
      List<RouteTable> routeTables, List<VpcEndpoint> vpcEndpoints, List<SecurityGroup> securityGroups,
      List<EcsService> services, List<TaskDefinition> taskDefinitions, List<PullThroughCacheRule> pullThroughCacheRules,
      PolicyDocument registryPolicy, List<IamRole> iamRoles, List<SecretInfo> secrets,
      List<SimulationResult> simulations, List<UnreadablePart> unreadable, List<ManagedPrefixList> managedPrefixLists,
      List<Repository> repositories, List<LogGroup> logGroups) {
    this(schemaVersion, accountId, region, collectedAt, vpcs, subnets, routeTables, vpcEndpoints, securityGroups,
        services, taskDefinitions, pullThroughCacheRules, registryPolicy, iamRoles, secrets, simulations, unreadable,
        managedPrefixLists, repositories, logGroups, null);
  }

  private SnapshotIndex indexed() {
    return index.of(this);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  public Optional<Vpc> vpc(String vpcId) {
    return Optional.ofNullable(indexed().vpc(vpcId));
  }

  public Optional<Subnet> subnet(String subnetId) {
    return Optional.ofNullable(indexed().subnet(subnetId));
  }

  public Optional<SecurityGroup> securityGroup(String groupId) {
    return Optional.ofNullable(indexed().securityGroup(groupId));
  }

  /**
   * A task definition by reference, resolved as ECS resolves it: a full ARN, {@code family:revision}, or a
   * bare {@code family}, which means the family's latest revision (ECS takes the latest ACTIVE one; a live
   * scan describes a service's reference as it is written, so the snapshot holds that revision).
   */
  public Optional<TaskDefinition> taskDefinition(String reference) {
    SnapshotIndex idx = indexed();
    TaskDefinition exact = idx.taskDefinition(reference);
    if (exact != null) {
      return Optional.of(exact);
    }
    TaskDefinitionReference wanted = TaskDefinitionReference.parse(reference);
    return Optional.ofNullable(wanted.revision().isPresent()
        ? idx.taskDefinition(wanted.family(), wanted.revision().getAsInt())
        : idx.latestTaskDefinition(wanted.family()));
  }

  /** An endpoint by its id. */
  public Optional<VpcEndpoint> vpcEndpoint(String endpointId) {
    return Optional.ofNullable(indexed().endpoint(endpointId));
  }

  /** A service by its workload name ({@code cluster/service}, as findings name workloads). */
  public Optional<EcsService> service(String workloadName) {
    return Optional.ofNullable(indexed().service(workloadName));
  }

  /** The services whose task-definition reference is exactly this text (an ARN as a live scan records it). */
  public List<EcsService> servicesReferencing(String taskDefinitionReference) {
    return indexed().servicesReferencing(taskDefinitionReference);
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
      return Optional.ofNullable(indexed().roleByArn(arnOrName));
    }
    return Optional.ofNullable(indexed().roleByName(arnOrName));
  }

  public Optional<RouteTable> routeTable(String routeTableId) {
    return Optional.ofNullable(indexed().routeTable(routeTableId));
  }

  /**
   * The route table that actually routes a subnet: its explicit association, else the main table of its
   * VPC (EC2 reports no association for such subnets, which is easy to miss).
   */
  public Optional<RouteTable> effectiveRouteTable(Subnet subnet) {
    RouteTable explicit = indexed().explicitRouteTableOf(subnet.subnetId());
    return Optional.ofNullable(explicit != null ? explicit : indexed().mainRouteTableOf(subnet.vpcId()));
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
    return indexed().endpoints(vpcId, serviceName);
  }

  /** Every endpoint in a VPC, in the snapshot's order. */
  public List<VpcEndpoint> endpointsIn(String vpcId) {
    return indexed().endpointsIn(vpcId);
  }

  /** The endpoints (gateway endpoints) associated with any of these route tables, each once, in the snapshot's order. */
  public List<VpcEndpoint> endpointsOfRouteTables(java.util.Collection<String> routeTableIds) {
    return indexed().endpointsOfRouteTables(routeTableIds);
  }

  /**
   * Every subnet in the VPC that some service runs in, each once, by AZ and then id. Computed for all VPCs
   * at once on first use, so asking per service costs nothing more.
   */
  public List<Subnet> workloadSubnetsIn(String vpcId) {
    return indexed().workloadSubnetsIn(vpcId, this::subnetsOf);
  }

  /** The IAM policy simulator's answer for one question, if the snapshot holds one. */
  public Optional<SimulationResult> simulation(String principalArn, String action, String resource) {
    return Optional.ofNullable(indexed().simulation(principalArn, action, resource));
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
    return Optional.ofNullable(indexed().secretByArn(arn));
  }

  public Optional<SecretInfo> secretByName(String name) {
    return Optional.ofNullable(indexed().secretByName(name));
  }

  /** Whether the collector failed to read a part, in which case its emptiness means nothing. */
  @JsonIgnore
  public boolean isReadable(SnapshotPart part) {
    return indexed().isReadable(part);
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

  /** A managed prefix list by id, if the snapshot holds its entries. */
  public Optional<ManagedPrefixList> managedPrefixList(String prefixListId) {
    return Optional.ofNullable(indexed().managedPrefixList(prefixListId));
  }

  /**
   * The interface endpoint in a VPC that answers the public name of a service such as {@code ecr.api}: the
   * available one with private DNS on (a VPC holds at most one such per service). Other endpoints for the
   * same service carry no traffic of tasks that use the service's name.
   */
  public Optional<VpcEndpoint> dnsAnsweringEndpoint(String vpcId, String serviceSuffix) {
    return first(endpoints(vpcId, endpointServiceName(serviceSuffix)),
        e -> e.isInterface() && e.isAvailable() && e.privateDnsEnabled());
  }

  /** A repository of this registry by name, if the snapshot knows it exists. */
  public Optional<Repository> repository(String repositoryName) {
    return Optional.ofNullable(indexed().repository(repositoryName));
  }

  /** A log group of this region by name, if the snapshot knows it exists. */
  public Optional<LogGroup> logGroup(String logGroupName) {
    return Optional.ofNullable(indexed().logGroup(logGroupName));
  }

  /**
   * The secret a Secrets Manager ARN names, also when it is a partial ARN without the six-character suffix
   * Secrets Manager appends ({@code ...:secret:db} for {@code ...:secret:db-AbCdEf}), as ECS accepts.
   */
  public Optional<SecretInfo> secretByFullOrPartialArn(String arn) {
    return secretByArn(arn).or(() -> Optional.ofNullable(indexed().secretByPartialArn(arn)));
  }
}
