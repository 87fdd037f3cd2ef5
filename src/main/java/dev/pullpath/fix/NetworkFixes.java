package dev.pullpath.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.policy.Effect;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.policy.PolicyRequest;
import dev.pullpath.policy.PolicyStatement;
import dev.pullpath.pull.ExecutionRolePermissions;
import dev.pullpath.pull.PullPathEndpoints;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.ManagedPrefixList;
import dev.pullpath.snapshot.Route;
import dev.pullpath.snapshot.RouteTable;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SecurityGroupRule;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The network steps: VPC DNS (PP011), interface endpoints (PP001, PP002, PP004, PP012), the S3 gateway
 * (PP003), security groups (PP005, PP010) and endpoint policies (PP006). Each is derived from the snapshot
 * for the finding's resource: the VPC, endpoint, route table or group it names.
 */
final class NetworkFixes {
  private static final int HTTPS = 443;
  private static final Map<String, String> ENDPOINT_OF_RULE =
      Map.of("PP001", "ecr.api", "PP002", "ecr.dkr", "PP004", "logs");

  private final AccountSnapshot snapshot;
  private final FixOptions options;
  private final Map<String, List<Subnet>> workloadSubnetsByVpc = new HashMap<>();
  private final Map<String, List<EcsService>> servicesByVpc = new HashMap<>();
  /**
   * "The size of an endpoint policy cannot exceed 20,480 characters, including white space"
   * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
   */
  static final int ENDPOINT_POLICY_LIMIT = 20_480;
  /** The prefix lists each VPC's route tables send to a gateway endpoint, sorted: read per task group. */
  private final Map<String, Set<String>> gatewayPrefixListsByVpc = new HashMap<>();

  NetworkFixes(AccountSnapshot snapshot, FixOptions options) {
    this.snapshot = snapshot;
    this.options = options;
    for (RouteTable table : snapshot.routeTables()) {
      for (Route route : table.routes()) {
        if (route.destinationPrefixListId() != null && route.targetType() == Route.TargetType.VPCE) {
          gatewayPrefixListsByVpc.computeIfAbsent(table.vpcId(), k -> new TreeSet<>()).add(route.destinationPrefixListId());
        }
      }
    }
    for (EcsService service : snapshot.services()) {
      for (Subnet subnet : snapshot.subnetsOf(service)) {
        List<Subnet> subnets = workloadSubnetsByVpc.computeIfAbsent(subnet.vpcId(), k -> new ArrayList<>());
        if (!subnets.contains(subnet)) {
          subnets.add(subnet);
        }
        List<EcsService> services = servicesByVpc.computeIfAbsent(subnet.vpcId(), k -> new ArrayList<>());
        if (!services.contains(service)) {
          services.add(service);
        }
      }
    }
  }

  FixPlanner.Outcome plan(FixPlanner.Group group) {
    String id = group.resourceId();
    return switch (group.ruleId()) {
      case "PP011" -> vpcDns(id);
      case "PP001", "PP002", "PP004" -> id.startsWith("vpce-")
          ? endpointCoverage(id) : interfaceEndpoints(id, List.of(ENDPOINT_OF_RULE.get(group.ruleId())));
      case "PP012" -> id.startsWith("vpce-") ? endpointCoverage(id) : interfaceEndpoints(id, secretServices(group));
      case "PP003" -> s3Gateway(id);
      case "PP005" -> httpsRules(group);
      case "PP006" -> endpointPolicy(group);
      case "PP010" -> servicePorts(group);
      default -> FixPlanner.Outcome.none("not a network rule");
    };
  }

  private FixPlanner.Outcome vpcDns(String vpcId) {
    Optional<Vpc> vpc = snapshot.vpc(vpcId);
    if (vpc.isEmpty()) {
      return FixPlanner.Outcome.none("VPC " + vpcId + " is not in the snapshot");
    }
    List<FixAction> actions = new ArrayList<>();
    if (!vpc.get().enableDnsSupport()) {
      actions.add(new EnableVpcDnsSupport(vpcId));
    }
    if (!vpc.get().enableDnsHostnames()) {
      actions.add(new EnableVpcDnsHostnames(vpcId));
    }
    return FixPlanner.Outcome.of(actions);
  }

  /** The subnets a VPC's endpoints must reach: one per AZ of the VPC's workloads, the first in service order. */
  private Map<String, Subnet> oneSubnetPerAz(String vpcId) {
    Map<String, Subnet> byAz = new TreeMap<>();
    workloadSubnetsByVpc.getOrDefault(vpcId, List.of()).forEach(s -> byAz.putIfAbsent(s.availabilityZone(), s));
    return byAz;
  }

  private FixPlanner.Outcome interfaceEndpoints(String vpcId, List<String> suffixes) {
    Map<String, Subnet> subnets = oneSubnetPerAz(vpcId);
    if (subnets.isEmpty()) {
      return FixPlanner.Outcome.none("no workload subnet of " + vpcId + " is in the snapshot");
    }
    List<FixAction> actions = new ArrayList<>();
    Optional<String> group = endpointSecurityGroup(vpcId);
    if (group.isEmpty()) {
      // No group to reuse: one for endpoints, created by the plan (or by an earlier run, then found by name).
      List<String> cidrs = workloadSubnetsByVpc.getOrDefault(vpcId, List.of()).stream().map(Subnet::cidrBlock)
          .distinct().toList();
      actions.add(new CreateEndpointSecurityGroup(vpcId, cidrs));
      group = new SnapshotReader(snapshot).securityGroupNamed(vpcId, CreateEndpointSecurityGroup.GROUP_NAME)
          .map(SecurityGroup::groupId);
    }
    for (String suffix : suffixes) {
      String serviceName = snapshot.endpointServiceName(suffix);
      List<VpcEndpoint> existing = snapshot.endpoints(vpcId, serviceName).stream().filter(VpcEndpoint::isInterface).toList();
      if (!existing.isEmpty()) {
        if (existing.stream().noneMatch(VpcEndpoint::isAvailable)) {
          return FixPlanner.Outcome.none("endpoint " + existing.get(0).vpcEndpointId() + " for " + serviceName + " is "
              + existing.get(0).state() + ", not available; see its LastError in the console");
        }
        continue;
      }
      actions.add(new CreateInterfaceEndpoint(vpcId, serviceName,
          subnets.values().stream().map(Subnet::subnetId).toList(), group.map(List::of).orElse(List.of())));
      // The new endpoint's network interfaces sit in these subnets: the tasks must be let out to them.
      actions.addAll(httpsEgressTo(vpcId, suffix, subnets.values(), group.map(List::of).orElse(List.of())));
    }
    group.flatMap(g -> httpsIngressFor(g, vpcId)).ifPresent(actions::add);
    return FixPlanner.Outcome.of(actions);
  }

  /**
   * The security group of the VPC's pull-path interface endpoints (ECR, logs, secrets), reused for new ones (first
   * by id, for stable plans). The group of another service's endpoint is not: widening it to the task subnets would
   * let them reach that service (e.g. a private API Gateway endpoint), which no finding asked for.
   */
  private Optional<String> endpointSecurityGroup(String vpcId) {
    return PullPathEndpoints.reusableGroup(snapshot, vpcId);
  }

  /** 443 from every workload subnet of the VPC not yet admitted by the endpoint group. */
  private Optional<FixAction> httpsIngressFor(String groupId, String vpcId) {
    Optional<SecurityGroup> group = snapshot.securityGroup(groupId);
    if (group.isEmpty()) {
      return Optional.empty();
    }
    List<String> missing = workloadSubnetsByVpc.getOrDefault(vpcId, List.of()).stream().map(Subnet::cidrBlock)
        .filter(c -> !SecurityGroupCoverage.coversCidr(group.get().ingress(), HTTPS, c)).distinct().toList();
    return missing.isEmpty() ? Optional.empty() : Optional.of(new AuthorizeIngress(groupId, HTTPS, missing, List.of()));
  }

  /** The secret endpoints (PP012) the group's workloads call: the same reading as the rule's. */
  private List<String> secretServices(FixPlanner.Group group) {
    TreeSet<String> suffixes = new TreeSet<>();
    for (EcsService service : servicesOf(group)) {
      endpointSuffixesUsedBy(service).stream().filter(s -> s.equals("secretsmanager") || s.equals("ssm"))
          .forEach(suffixes::add);
    }
    return List.copyOf(suffixes);
  }

  private FixPlanner.Outcome endpointCoverage(String endpointId) {
    Optional<VpcEndpoint> endpoint = snapshot.vpcEndpoint(endpointId);
    if (endpoint.isEmpty() || !endpoint.get().isAvailable()) {
      return FixPlanner.Outcome.none("endpoint " + endpointId + " is missing or not available; see its LastError");
    }
    if (endpoint.get().isInterface() && !endpoint.get().privateDnsEnabled()) {
      // What the finding is about: subnets would not change it, so no step may claim it.
      return FixPlanner.Outcome.none("endpoint " + endpointId + " has private DNS off; turning it on changes how the "
          + "whole VPC resolves the service (and fails while another endpoint holds the name): --fix leaves that to "
          + "the owner, see the finding's command");
    }
    TreeSet<String> covered = new TreeSet<>();
    endpoint.get().subnetIds().forEach(id -> snapshot.subnet(id).ifPresent(s -> covered.add(s.availabilityZone())));
    List<String> add = oneSubnetPerAz(endpoint.get().vpcId()).entrySet().stream()
        .filter(e -> !covered.contains(e.getKey())).map(e -> e.getValue().subnetId()).toList();
    if (add.isEmpty()) {
      return FixPlanner.Outcome.none("endpoint " + endpointId + " already covers every workload AZ");
    }
    List<FixAction> actions = new ArrayList<>();
    actions.add(new AddEndpointSubnets(endpointId, add));
    endpoint.get().securityGroupIds().stream().findFirst()
        .flatMap(g -> httpsIngressFor(g, endpoint.get().vpcId())).ifPresent(actions::add);
    List<Subnet> added = add.stream().map(snapshot::subnet).flatMap(Optional::stream).toList();
    PullPathEndpoints.suffixOf(snapshot, endpoint.get().serviceName()).ifPresent(suffix -> actions.addAll(
        httpsEgressTo(endpoint.get().vpcId(), suffix, added, endpoint.get().securityGroupIds())));
    return FixPlanner.Outcome.of(actions);
  }

  private FixPlanner.Outcome s3Gateway(String routeTableId) {
    Optional<RouteTable> table = snapshot.routeTable(routeTableId);
    if (table.isEmpty()) {
      return FixPlanner.Outcome.none("route table " + routeTableId + " is not in the snapshot");
    }
    String vpcId = table.get().vpcId();
    String s3 = snapshot.endpointServiceName("s3");
    List<VpcEndpoint> gateways = snapshot.endpoints(vpcId, s3).stream().filter(VpcEndpoint::isGateway).toList();
    // The table may route subnets without tasks too (explicitly, or as the VPC's main table): the step says so.
    Set<String> workloadSubnets = new HashSet<>();
    workloadSubnetsByVpc.getOrDefault(vpcId, List.of()).forEach(s -> workloadSubnets.add(s.subnetId()));
    List<String> others = table.get().subnetIds().stream().filter(id -> !workloadSubnets.contains(id)).toList();
    boolean main = table.get().main();
    if (gateways.isEmpty()) {
      return FixPlanner.Outcome.of(List.of(new CreateGatewayEndpoint(vpcId, s3, List.of(routeTableId), others, main)));
    }
    Optional<VpcEndpoint> available = gateways.stream().filter(VpcEndpoint::isAvailable).findFirst();
    if (available.isEmpty()) {
      return FixPlanner.Outcome.none("S3 gateway endpoint " + gateways.get(0).vpcEndpointId() + " is "
          + gateways.get(0).state());
    }
    if (available.get().routeTableIds().contains(routeTableId)) {
      return FixPlanner.Outcome.none("route table " + routeTableId + " already routes to S3 gateway endpoint "
          + available.get().vpcEndpointId() + "; what the finding names is a path --fix does not change");
    }
    return FixPlanner.Outcome.of(List.of(
        new AddGatewayRouteTables(available.get().vpcEndpointId(), List.of(routeTableId), others, main)));
  }

  /**
   * An endpoint's group gets 443 from the task subnets; a task's group (the first group of the workloads the
   * findings name, where the rule reports) gets 443 out to the subnets of the interface endpoints the workloads
   * use and to the S3 prefix list. A group can be both.
   */
  private FixPlanner.Outcome httpsRules(FixPlanner.Group findings) {
    String groupId = findings.resourceId();
    Optional<SecurityGroup> group = snapshot.securityGroup(groupId);
    if (group.isEmpty()) {
      return FixPlanner.Outcome.none("security group " + groupId + " is not in the snapshot");
    }
    List<FixAction> actions = new ArrayList<>();
    boolean endpointGroup = snapshot.endpointsIn(group.get().vpcId()).stream()
        .anyMatch(e -> e.isInterface() && e.securityGroupIds().contains(groupId));
    if (endpointGroup) {
      httpsIngressFor(groupId, group.get().vpcId()).ifPresent(actions::add);
    }
    TreeSet<String> cidrs = new TreeSet<>();
    boolean taskGroup = false;
    for (EcsService service : servicesOf(findings)) {
      List<SecurityGroup> taskGroups = snapshot.securityGroupsOf(service);
      if (taskGroups.isEmpty()
          || !taskGroups.get(0).groupId().equals(groupId)) {
        continue;
      }
      taskGroup = true;
      for (String suffix : endpointSuffixesUsedBy(service)) {
        snapshot.dnsAnsweringEndpoint(group.get().vpcId(), suffix).ifPresent(e -> cidrs.addAll(unreachable(taskGroups,
            e.subnetIds().stream().map(snapshot::subnet).flatMap(Optional::stream).toList(), e.securityGroupIds())));
      }
    }
    List<String> prefixLists = taskGroup ? missingS3PrefixLists(group.get()) : List.of();
    if (!cidrs.isEmpty() || !prefixLists.isEmpty()) {
      actions.add(new AuthorizeEgress(groupId, HTTPS, prefixLists, List.copyOf(cidrs)));
    }
    if (actions.isEmpty()) {
      return FixPlanner.Outcome.none(groupId + " already lets 443 through to and from every endpoint subnet and to "
          + "the S3 prefix list its route tables use; allow what the finding names by hand");
    }
    return FixPlanner.Outcome.of(actions);
  }

  /** The S3 prefix lists the VPC's route tables send to a gateway endpoint that the group does not let 443 out to. */
  private List<String> missingS3PrefixLists(SecurityGroup group) {
    return gatewayPrefixListsByVpc.getOrDefault(group.vpcId(), Set.of()).stream()
        .filter(p -> !SecurityGroupCoverage.coversPrefixList(group.egress(), HTTPS, p)).toList();
  }

  /**
   * 443 out from the task groups of the VPC's workloads that use the endpoint service {@code suffix} to an
   * endpoint's subnets (of an endpoint the plan creates or extends), where no group of the workload allows it
   * yet. Added to the workload's first group, the one PP005 reports on; steps on the same group merge.
   */
  private List<FixAction> httpsEgressTo(
      String vpcId, String suffix, Collection<Subnet> endpointSubnets, List<String> endpointGroupIds) {
    List<FixAction> actions = new ArrayList<>();
    for (EcsService service : servicesByVpc.getOrDefault(vpcId, List.of())) {
      List<SecurityGroup> taskGroups = snapshot.securityGroupsOf(service);
      if (taskGroups.isEmpty() || !endpointSuffixesUsedBy(service).contains(suffix)) {
        continue;
      }
      List<String> missing = unreachable(taskGroups, endpointSubnets, endpointGroupIds);
      if (!missing.isEmpty()) {
        actions.add(new AuthorizeEgress(taskGroups.get(0).groupId(), HTTPS, List.of(), missing));
      }
    }
    return actions;
  }

  /** The CIDRs of {@code subnets} the groups together do not let 443 out to (nor to an endpoint group). */
  private List<String> unreachable(List<SecurityGroup> taskGroups, Collection<Subnet> subnets, List<String> peerGroupIds) {
    List<SecurityGroupRule> egress = taskGroups.stream().flatMap(g -> g.egress().stream()).toList();
    return subnets.stream().map(Subnet::cidrBlock).distinct()
        .filter(c -> !SecurityGroupCoverage.coversCidr(egress, HTTPS, c, peerGroupIds,
            id -> snapshot.managedPrefixList(id).map(ManagedPrefixList::ipv4Entries).orElse(List.of())))
        .toList();
  }

  /**
   * The interface endpoints (by service suffix) a workload's tasks call: ECR always, CloudWatch Logs for
   * awslogs, Secrets Manager and SSM for the secrets and credentials they fetch.
   */
  private List<String> endpointSuffixesUsedBy(EcsService service) {
    List<String> suffixes = new ArrayList<>(List.of("ecr.api", "ecr.dkr"));
    Optional<TaskDefinition> td = snapshot.taskDefinitionOf(service);
    if (td.isEmpty()) {
      return suffixes;
    }
    if (td.get().usesAwsLogs()) {
      suffixes.add("logs");
    }
    // Injected secrets, log-driver secrets and registry credentials; only those of the VPC's own region go
    // through its endpoints (a secret elsewhere needs a way out to that region, not an endpoint here).
    List<String> secrets = td.get().containers().stream().flatMap(c -> c.secretReferences().stream()).toList();
    String inRegion = ":" + snapshot.region() + ":";
    if (secrets.stream().anyMatch(s -> s.startsWith("arn:aws:secretsmanager" + inRegion))) {
      suffixes.add("secretsmanager");
    }
    if (secrets.stream().anyMatch(s -> s.startsWith("arn:aws:ssm" + inRegion) || !s.startsWith("arn:"))) {
      suffixes.add("ssm");
    }
    return suffixes;
  }

  /** The services a group's findings block, looked up by name: never a walk over every service per group. */
  private List<EcsService> servicesOf(FixPlanner.Group group) {
    return group.workloads().stream().map(snapshot::service).flatMap(Optional::stream).toList();
  }

  /** PP010: only with --allow-ingress, and only for the container ports no group of the service admits. */
  private FixPlanner.Outcome servicePorts(FixPlanner.Group group) {
    if (options.allowIngress().isEmpty()) {
      return FixPlanner.Outcome.none("opening a service port needs a peer: give --allow-ingress CIDR or sg-id");
    }
    TreeSet<Integer> ports = new TreeSet<>();
    for (EcsService service : servicesOf(group)) {
      List<SecurityGroup> groups = snapshot.securityGroupsOf(service);
      for (ContainerDefinition c : snapshot.taskDefinitionOf(service).map(TaskDefinition::containers).orElse(List.of())) {
        for (ContainerDefinition.PortMapping port : c.portMappings()) {
          boolean admitted = groups.stream().flatMap(g -> g.ingress().stream())
              .anyMatch(r -> r.admitsPort(port.protocol(), port.containerPort()));
          if (!admitted && "tcp".equalsIgnoreCase(port.protocol())) {
            ports.add(port.containerPort());
          }
        }
      }
    }
    List<String> cidrs = options.allowIngress().stream().filter(p -> !p.startsWith("sg-")).toList();
    List<String> groups = options.allowIngress().stream().filter(p -> p.startsWith("sg-")).toList();
    List<FixAction> actions = new ArrayList<>();
    ports.forEach(p -> actions.add(new AuthorizeIngress(group.resourceId(), p, cidrs, groups)));
    return FixPlanner.Outcome.of(actions);
  }

  /** An Allow for any principal, as endpoint policies take it. */
  private static ObjectNode allow(String sid, List<String> actions, List<String> resources) {
    ObjectNode allow = JsonNodeFactory.instance.objectNode();
    allow.put("Sid", sid);
    allow.put("Effect", "Allow");
    allow.put("Principal", "*");
    ArrayNode actionArray = allow.putArray("Action");
    actions.forEach(actionArray::add);
    if (resources.size() == 1) {
      allow.put("Resource", resources.get(0));
    } else {
      ArrayNode resourceArray = allow.putArray("Resource");
      resources.forEach(resourceArray::add);
    }
    return allow;
  }

  /**
   * What the group's workloads ask of the endpoint, as PP006 asks it: the layer download through the S3 gateway
   * (no principal: the URL is presigned), the auth token through ecr.api and the image and layer reads of their
   * repositories through ecr.dkr, with their execution role as principal. The repositories are those of the images
   * now and as the plan rewrites them into the account's cache. Empty when no workload of the group is known.
   */
  private List<PolicyRequest> pullRequests(FixPlanner.Group group, VpcEndpoint endpoint, String bucket) {
    Optional<String> suffix = PullPathEndpoints.suffixOf(snapshot, endpoint.serviceName());
    boolean s3 = endpoint.serviceName().endsWith(".s3");
    dev.pullpath.pull.ImageReference.EcrRegistry own =
        new dev.pullpath.pull.ImageReference.EcrRegistry(snapshot.accountId(), snapshot.region());
    List<PolicyRequest> requests = new ArrayList<>();
    for (EcsService service : servicesOf(group)) {
      if (s3) {
        requests.add(PolicyRequest.throughEndpoint("s3:GetObject", bucket + "/sha256/layer", null));
        continue;
      }
      Optional<TaskDefinition> td = snapshot.taskDefinitionOf(service);
      if (td.isEmpty() || suffix.isEmpty()) {
        continue;
      }
      String principal = td.get().executionRoleArn() == null ? null : snapshot.role(td.get().executionRoleArn())
          .map(dev.pullpath.snapshot.IamRole::arn).orElse(td.get().executionRoleArn());
      if (suffix.get().equals("ecr.api")) {
        requests.add(PolicyRequest.throughEndpoint(ExecutionRolePermissions.GET_AUTHORIZATION_TOKEN, "*", principal));
      } else if (suffix.get().equals("ecr.dkr")) {
        for (ContainerDefinition c : td.get().containers()) {
          List<String> images = new ArrayList<>(List.of(c.image()));
          dev.pullpath.pull.ImageRewrite.of(own, snapshot.pullThroughCacheRules(), c.image()).ifPresent(images::add);
          for (String image : images) {
            var reference = dev.pullpath.pull.ImageReference.parse(image);
            reference.ecrRegistry().ifPresent(registry -> {
              String repository = ExecutionRolePermissions.repositoryArn(registry.region(), registry.accountId(),
                  reference.repository());
              // What a docker pull asks of ecr.dkr (PP006's requests).
              for (String action : List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")) {
                requests.add(PolicyRequest.throughEndpoint(action, repository, principal));
              }
            });
          }
        }
      }
    }
    return requests;
  }

  /**
   * PP006: appends an Allow for what pulls need; a Deny that blocks them is dropped only with
   * --allow-policy-rewrite, and named otherwise so the owner can decide.
   */
  private FixPlanner.Outcome endpointPolicy(FixPlanner.Group group) {
    String endpointId = group.resourceId();
    Optional<VpcEndpoint> endpoint = snapshot.vpcEndpoint(endpointId);
    if (endpoint.isEmpty() || endpoint.get().policyDocument() == null) {
      return FixPlanner.Outcome.none("endpoint " + endpointId + " has no policy to merge into");
    }
    PolicyDocument policy = endpoint.get().policyDocument();
    boolean s3 = endpoint.get().serviceName().endsWith(".s3");
    String bucket = "arn:aws:s3:::prod-" + snapshot.region() + "-starport-layer-bucket";
    List<PolicyRequest> requests = pullRequests(group, endpoint.get(), bucket);
    if (requests.isEmpty()) {
      requests = s3
          ? List.of(PolicyRequest.of("s3:GetObject", bucket + "/sha256/layer"))
          : ExecutionRolePermissions.PULL_ACTIONS.stream().map(a -> PolicyRequest.of(a, "*")).toList();
    }
    // Only a Deny that decides one of the pull's own requests is in the way: a Deny whose NotResource, Principal or
    // Condition leaves the pull alone (a data perimeter, say) is kept whatever --allow-policy-rewrite says.
    Set<String> denying = new java.util.HashSet<>();
    for (PolicyRequest request : requests) {
      var evaluation = dev.pullpath.policy.PolicyEvaluator.evaluate(List.of(policy), request);
      if (evaluation.decision() == dev.pullpath.policy.Decision.EXPLICIT_DENY) {
        denying.addAll(evaluation.statements());
      }
    }
    List<Integer> blocking = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<PolicyStatement> statements = policy.statements();
    for (int i = 0; i < statements.size(); i++) {
      PolicyStatement statement = statements.get(i);
      if (statement.effect() == Effect.DENY && denying.contains(statement.label())) {
        blocking.add(i);
        labels.add(statement.label());
      }
    }
    if (!blocking.isEmpty() && !options.allowPolicyRewrite()) {
      return FixPlanner.Outcome.none("Deny statement(s) " + String.join(", ", labels) + " of " + endpointId
          + " block image pulls; --fix removes a Deny only with --allow-policy-rewrite");
    }
    ObjectNode document = (ObjectNode) policy.json();
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    JsonNode existing = document.get("Statement");
    List<JsonNode> all = new ArrayList<>();
    if (existing.isArray()) {
      existing.forEach(all::add);
    } else {
      all.add(existing);
    }
    for (int i = 0; i < all.size(); i++) {
      if (!blocking.contains(i)) {
        kept.add(all.get(i));
      }
    }
    List<ObjectNode> allows = new ArrayList<>();
    if (s3) {
      allows.add(allow("PullpathStarportLayers", List.of("s3:GetObject"), List.of(bucket + "/*")));
    } else {
      // The account's own repositories (the cache's included) and the other registries' repositories the workloads
      // pull, not every repository of every account: the policy may be there to fence the endpoint in.
      String ownRepositories = "arn:aws:ecr:" + snapshot.region() + ":" + snapshot.accountId() + ":repository/";
      TreeSet<String> repositories = new TreeSet<>(List.of(ownRepositories + "*"));
      requests.stream().map(PolicyRequest::resource)
          .filter(r -> r.startsWith("arn:aws:ecr:") && !r.startsWith(ownRepositories)).forEach(repositories::add);
      List<String> repositoryActions = new ArrayList<>(ExecutionRolePermissions.PULL_ACTIONS);
      repositoryActions.addAll(ExecutionRolePermissions.CACHE_ACTIONS);
      allows.add(allow("PullpathImagePull", repositoryActions, List.copyOf(repositories)));
      // GetAuthorizationToken has no resource but "*".
      allows.add(allow("PullpathAuthToken", List.of(ExecutionRolePermissions.GET_AUTHORIZATION_TOKEN), List.of("*")));
    }
    for (ObjectNode allow : allows) {
      boolean present = false;
      for (JsonNode statement : kept) {
        present |= allow.get("Sid").equals(statement.get("Sid"));
      }
      if (!present) {
        kept.add(allow);
      }
    }
    document.set("Statement", kept);
    String written = document.toString();
    if (written.length() > ENDPOINT_POLICY_LIMIT) {
      // ModifyVpcEndpoint would refuse it halfway through the run, and again on every rerun.
      return FixPlanner.Outcome.none("the policy of " + endpointId + " with an Allow for image pulls would hold "
          + String.format(java.util.Locale.ROOT, "%,d", written.length()) + " characters, over the 20,480 an endpoint "
          + "policy may hold: make room in it, then run --fix again");
    }
    return FixPlanner.Outcome.of(List.of(new SetEndpointPolicy(endpointId, written, labels)));
  }
}
