package dev.pullpath.awsfix;

import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.IamRole;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SecurityGroupRule;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreatePullThroughCacheRuleRequest;
import software.amazon.awssdk.services.ecr.model.CreatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecr.model.DescribePullThroughCacheRulesRequest;
import software.amazon.awssdk.services.ecr.model.DescribePullThroughCacheRulesResponse;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleNotFoundException;
import software.amazon.awssdk.services.ecr.model.UpdatePullThroughCacheRuleRequest;
import software.amazon.awssdk.services.ecr.model.UpdatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecr.model.ValidatePullThroughCacheRuleRequest;
import software.amazon.awssdk.services.ecr.model.ValidatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentController;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;

/**
 * A stateful in-process AWS account for the fix tests: seeded from a snapshot, it answers the SDK calls
 * the fix writer makes through real SDK client interfaces (only the operations used are implemented; the
 * others keep the SDK's UnsupportedOperationException), applies writes to its state, counts them, and
 * can fail the Nth write. {@link #snapshot()} is the account as a scan would now collect it.
 */
public final class FakeAccount {
  private AccountSnapshot base;
  private final Map<String, Vpc> vpcs = new LinkedHashMap<>();
  private final Map<String, VpcEndpoint> endpoints = new LinkedHashMap<>();
  private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> inlinePolicies = new LinkedHashMap<>();
  /** Trust policies by role name, as JSON text; a role without one is absent. */
  private final Map<String, String> trustPolicies = new LinkedHashMap<>();
  private final Map<String, PullThroughCacheRule> rules = new LinkedHashMap<>();
  private final Map<String, TaskDefinition> taskDefinitions = new LinkedHashMap<>();
  private final Map<String, List<software.amazon.awssdk.services.ecs.model.Tag>> taskDefinitionTags = new LinkedHashMap<>();
  private final Map<String, EcsService> services = new LinkedHashMap<>();
  public final Map<String, String> deploymentControllers = new LinkedHashMap<>();
  public final List<String> writes = new ArrayList<>();
  /** Runs once, right after the next RegisterTaskDefinition: someone else acting on the account meanwhile. */
  public Runnable afterNextRegistration;
  private int failOnWrite = -1;
  private int endpointCounter = 1;
  private int simulations;
  /** How many simulator calls answer as if IAM had not propagated yet. */
  public int simulatorLag;
  /**
   * How many DescribeVpcEndpoints calls by id answer {@code InvalidVpcEndpointId.NotFound} for an endpoint just
   * created: EC2 is eventually consistent, and a new resource may not be visible to the next read.
   */
  public int newEndpointInvisibleReads;
  private final Map<String, Integer> invisibleReadsLeft = new LinkedHashMap<>();
  /** The same for a security group just created: reads by id and rule additions answer InvalidGroup.NotFound. */
  public int newGroupInvisibleCalls;
  /** Services (cluster/service) whose next rollout fails, as the deployment circuit breaker reports it. */
  public final java.util.Set<String> failingRollouts = new java.util.HashSet<>();

  /** Who pullpath runs as: an assumed-role session, whose role has a path (GetRole gives it). */
  public String callerArn = "arn:aws:sts::111122223333:assumed-role/pullpath-fixer/ci";
  public static final String CALLER_ROLE_ARN = "arn:aws:iam::111122223333:role/automation/pullpath-fixer";
  /** IAM actions pullpath's own identity may not make: DryRun answers UnauthorizedOperation, the simulator denies. */
  public final java.util.Set<String> deniedActions = new java.util.HashSet<>();
  /** EC2 actions whose DryRun answers this error code instead (e.g. a resource that does not exist yet). */
  public final Map<String, String> dryRunErrors = new LinkedHashMap<>();
  /** When true, the caller may not call iam:SimulatePrincipalPolicy. */
  public boolean simulatorDeniedToCaller;
  /** EC2 operations sent with DryRun, in order: never writes. */
  public final List<String> dryRuns = new ArrayList<>();
  /** What the simulator was asked about the caller: "action resource context". */
  public final List<String> callerSimulations = new ArrayList<>();

  public FakeAccount(AccountSnapshot snapshot) {
    this.base = snapshot;
    snapshot.vpcs().forEach(v -> vpcs.put(v.vpcId(), v));
    snapshot.vpcEndpoints().forEach(e -> endpoints.put(e.vpcEndpointId(), e));
    snapshot.securityGroups().forEach(g -> groups.put(g.groupId(), g));
    snapshot.iamRoles().forEach(r -> {
      Map<String, String> policies = new LinkedHashMap<>();
      r.inlinePolicies().forEach(p -> policies.put(p.policyName(), p.document().toJsonText()));
      inlinePolicies.put(r.roleName(), policies);
      if (r.assumeRolePolicyDocument() != null) {
        trustPolicies.put(r.roleName(), r.assumeRolePolicyDocument().toJsonText());
      }
    });
    snapshot.pullThroughCacheRules().forEach(r -> rules.put(r.ecrRepositoryPrefix(), r));
    snapshot.taskDefinitions().forEach(t -> {
      taskDefinitions.put(t.taskDefinitionArn(), toSdk(t));
      taskDefinitionTags.put(t.taskDefinitionArn(), List.of(
          software.amazon.awssdk.services.ecs.model.Tag.builder().key("team").value("platform").build()));
    });
    snapshot.services().forEach(s -> services.put(s.clusterName() + "/" + s.serviceName(), s));
  }

  /** A new service like {@code like} (cluster/service), e.g. one deployed after a plan was made. */
  public void addService(String like, String cluster, String service) {
    EcsService s = services.get(like);
    services.put(cluster + "/" + service, new EcsService(cluster, s.clusterArn().replace(s.clusterName(), cluster), service,
        s.serviceArn().replace(s.clusterName() + "/" + s.serviceName(), cluster + "/" + service), s.launchType(),
        s.platformVersion(), s.subnetIds(), s.securityGroupIds(), s.assignPublicIp(), s.taskDefinitionArn()));
  }

  /** The Nth write call (1-based) throws a server error. */
  public void failOnWrite(int n) {
    this.failOnWrite = n;
  }

  /**
   * An EC2 call with DryRun answers as EC2 does and writes nothing; without it, a denied action fails as
   * EC2 fails it. Returns normally only for a real, allowed write.
   */
  private void ec2Call(String operation, Boolean dryRun) {
    String action = "ec2:" + operation;
    if (Boolean.TRUE.equals(dryRun)) {
      dryRuns.add(operation);
      if (deniedActions.contains(action)) {
        throw ec2Error("UnauthorizedOperation", 403);
      }
      throw ec2Error(dryRunErrors.getOrDefault(action, "DryRunOperation"), 412);
    }
    if (deniedActions.contains(action)) {
      throw ec2Error("UnauthorizedOperation", 403);
    }
    write(operation);
  }

  private static final Map<String, String> SERVICE_OF = Map.of("RegisterTaskDefinition", "ecs", "UpdateService", "ecs",
      "CreatePullThroughCacheRule", "ecr", "UpdatePullThroughCacheRule", "ecr", "UpdateAssumeRolePolicy", "iam",
      "PutRolePolicy", "iam");

  private void write(String operation) {
    String action = SERVICE_OF.getOrDefault(operation, "ec2") + ":" + operation;
    if (!action.startsWith("ec2:") && deniedActions.contains(action)) {
      throw software.amazon.awssdk.awscore.exception.AwsServiceException.builder().statusCode(403)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("not authorized to perform: "
              + action).build()).message("not authorized to perform: " + action).build();
    }
    writes.add(operation);
    if (writes.size() == failOnWrite) {
      failOnWrite = -1;
      throw Ec2Exception.builder().statusCode(500)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalError").errorMessage("injected failure of " + operation).build())
          .message("injected failure of " + operation).build();
    }
  }

  public Ec2Client ec2() {
    return new FakeEc2();
  }

  public EcsClient ecs() {
    return new FakeEcs();
  }

  public EcrClient ecr() {
    return new FakeEcr();
  }

  public IamClient iam() {
    return new FakeIam();
  }

  public software.amazon.awssdk.services.sts.StsClient sts() {
    return new software.amazon.awssdk.services.sts.StsClient() {
      @Override
      public String serviceName() {
        return "sts";
      }

      @Override
      public void close() {}

      @Override
      public software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse getCallerIdentity(
          software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest r) {
        return software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse.builder().arn(callerArn)
            .account(base.accountId()).userId("AROAFIXER:ci").build();
      }
    };
  }

  /** pullpath's own identity in this account, for the preflight's simulator checks. */
  public OwnPermissions ownPermissions() {
    return new OwnPermissions(sts(), iam(), base.region());
  }

  /** The writer the CLI would build over this account, preflight included. */
  public SdkAccountWriter writer(java.time.Duration pollInterval, java.time.Duration waitTimeout) {
    return new SdkAccountWriter(ec2(), ecs(), ecr(), iam(), ownPermissions(), pollInterval, waitTimeout);
  }

  TaskDefinition taskDefinition(String arn) {
    return taskDefinitions.get(arn);
  }

  List<software.amazon.awssdk.services.ecs.model.Tag> tagsOf(String arn) {
    return taskDefinitionTags.get(arn);
  }

  /** The account as a live scan would read it now (no simulator answers: roles are judged offline). */
  public AccountSnapshot snapshot() {
    return snapshot(List.of(), List.of());
  }

  /**
   * The account as a scan scoped with --cluster/--service reads it: each named service in each named cluster
   * (empty: all), as the live collector describes them.
   */
  public AccountSnapshot snapshot(List<String> clusterNames, List<String> serviceNames) {
    List<IamRole> roles = base.iamRoles().stream().map(r -> new IamRole(r.roleName(), r.arn(),
        trustPolicies.containsKey(r.roleName()) ? PolicyDocument.parse(trustPolicies.get(r.roleName())) : null,
        r.attachedPolicies(),
        inlinePolicies.get(r.roleName()).entrySet().stream()
            .map(e -> new IamRole.NamedPolicy(e.getKey(), null, PolicyDocument.parse(e.getValue()))).toList(),
        r.permissionsBoundary())).toList();
    List<EcsService> current = services.values().stream()
        .filter(s -> clusterNames.isEmpty() || clusterNames.contains(s.clusterName()))
        .filter(s -> serviceNames.isEmpty() || serviceNames.contains(s.serviceName()))
        .toList();
    List<dev.pullpath.snapshot.TaskDefinition> tds = current.stream().map(EcsService::taskDefinitionArn).distinct()
        .map(arn -> dev.pullpath.aws.SdkModels.taskDefinition(taskDefinitions.get(arn))).toList();
    return new AccountSnapshot(base.schemaVersion(), base.accountId(), base.region(), base.collectedAt(),
        List.copyOf(vpcs.values()), base.subnets(), base.routeTables(), List.copyOf(endpoints.values()),
        List.copyOf(groups.values()), current, tds, List.copyOf(rules.values()), base.registryPolicy(), roles,
        base.secrets(), List.of(), base.unreadable());
  }

  private static TaskDefinition toSdk(dev.pullpath.snapshot.TaskDefinition t) {
    return TaskDefinition.builder().taskDefinitionArn(t.taskDefinitionArn()).family(t.family()).revision(t.revision())
        .executionRoleArn(t.executionRoleArn()).networkMode("awsvpc").cpu("256").memory("512")
        .requiresCompatibilitiesWithStrings("FARGATE").compatibilitiesWithStrings("EC2", "FARGATE").status("ACTIVE")
        .containerDefinitions(t.containers().stream().map(c -> ContainerDefinition.builder().name(c.name()).image(c.image())
            .essential(true)
            .portMappings(c.portMappings().stream().map(p -> PortMapping.builder().containerPort(p.containerPort())
                .protocol(p.protocol()).build()).toList())
            .logConfiguration(c.logDriver() == null ? null
                : LogConfiguration.builder().logDriver(c.logDriver()).options(c.logOptions()).build())
            .secrets(c.secrets().stream().map(s -> Secret.builder().name("S").valueFrom(s).build()).toList())
            .build()).toList())
        .build();
  }

  private static Ec2Exception ec2Error(String code) {
    return ec2Error(code, 400);
  }

  private static Ec2Exception ec2Error(String code, int status) {
    return (Ec2Exception) Ec2Exception.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).message(code).build();
  }

  /** Whether a resource just created is still invisible to this call (one call used up). */
  private boolean invisible(String id) {
    int left = invisibleReadsLeft.getOrDefault(id, 0);
    if (left > 0) {
      invisibleReadsLeft.put(id, left - 1);
      return true;
    }
    return false;
  }

  private final class FakeEc2 implements Ec2Client {
    @Override
    public String serviceName() {
      return "ec2";
    }

    @Override
    public void close() {}

    @Override
    public DescribeVpcAttributeResponse describeVpcAttribute(DescribeVpcAttributeRequest r) {
      Vpc vpc = vpcs.get(r.vpcId());
      if (vpc == null) {
        throw ec2Error("InvalidVpcID.NotFound");
      }
      AttributeBooleanValue support = AttributeBooleanValue.builder().value(vpc.enableDnsSupport()).build();
      AttributeBooleanValue hostnames = AttributeBooleanValue.builder().value(vpc.enableDnsHostnames()).build();
      return DescribeVpcAttributeResponse.builder().vpcId(vpc.vpcId()).enableDnsSupport(support)
          .enableDnsHostnames(hostnames).build();
    }

    @Override
    public ModifyVpcAttributeResponse modifyVpcAttribute(ModifyVpcAttributeRequest r) {
      ec2Call("ModifyVpcAttribute", null);
      Vpc vpc = vpcs.get(r.vpcId());
      if (r.enableDnsSupport() != null && r.enableDnsHostnames() != null) {
        throw ec2Error("InvalidParameterCombination");
      }
      boolean support = r.enableDnsSupport() != null ? r.enableDnsSupport().value() : vpc.enableDnsSupport();
      boolean hostnames = r.enableDnsHostnames() != null ? r.enableDnsHostnames().value() : vpc.enableDnsHostnames();
      if (hostnames && !support) {
        throw ec2Error("InvalidParameterValue");
      }
      vpcs.put(vpc.vpcId(), new Vpc(vpc.vpcId(), vpc.cidrBlock(), support, hostnames));
      return ModifyVpcAttributeResponse.builder().build();
    }

    @Override
    public DescribeVpcEndpointsResponse describeVpcEndpoints(DescribeVpcEndpointsRequest r) {
      for (String id : r.vpcEndpointIds()) {
        int left = invisibleReadsLeft.getOrDefault(id, 0);
        if (left > 0) {
          invisibleReadsLeft.put(id, left - 1);
          throw ec2Error("InvalidVpcEndpointId.NotFound");
        }
      }
      List<VpcEndpoint> found = new ArrayList<>();
      for (VpcEndpoint e : endpoints.values()) {
        boolean match = r.vpcEndpointIds().isEmpty() || r.vpcEndpointIds().contains(e.vpcEndpointId());
        for (Filter f : r.filters()) {
          String value = switch (f.name()) {
            case "vpc-id" -> e.vpcId();
            case "service-name" -> e.serviceName();
            default -> throw new UnsupportedOperationException(f.name());
          };
          match &= f.values().contains(value);
        }
        if (match) {
          found.add(e);
        }
      }
      if (found.isEmpty() && !r.vpcEndpointIds().isEmpty()) {
        throw ec2Error("InvalidVpcEndpointId.NotFound");
      }
      return DescribeVpcEndpointsResponse.builder().vpcEndpoints(found.stream().map(FakeAccount::toSdk).toList()).build();
    }

    @Override
    public CreateVpcEndpointResponse createVpcEndpoint(CreateVpcEndpointRequest r) {
      ec2Call("CreateVpcEndpoint", r.dryRun());
      boolean conflict = endpoints.values().stream().anyMatch(e -> e.vpcId().equals(r.vpcId())
          && e.serviceName().equals(r.serviceName()) && e.isInterface() && Boolean.TRUE.equals(r.privateDnsEnabled()));
      if (conflict) {
        throw ec2Error("InvalidParameter");
      }
      String id = "vpce-0fake" + String.format("%012d", endpointCounter++);
      VpcEndpoint created = new VpcEndpoint(id, r.vpcId(), r.serviceName(), r.vpcEndpointTypeAsString(), "available",
          r.subnetIds(), r.routeTableIds(), r.securityGroupIds(), Boolean.TRUE.equals(r.privateDnsEnabled()), null);
      endpoints.put(id, created);
      invisibleReadsLeft.put(id, newEndpointInvisibleReads);
      return CreateVpcEndpointResponse.builder().vpcEndpoint(toSdk(created)).clientToken(r.clientToken()).build();
    }

    @Override
    public ModifyVpcEndpointResponse modifyVpcEndpoint(ModifyVpcEndpointRequest r) {
      ec2Call("ModifyVpcEndpoint", r.dryRun());
      VpcEndpoint e = endpoints.get(r.vpcEndpointId());
      if (e == null) {
        throw ec2Error("InvalidVpcEndpointId.NotFound");
      }
      List<String> subnets = new ArrayList<>(e.subnetIds());
      r.addSubnetIds().stream().filter(s -> !subnets.contains(s)).forEach(subnets::add);
      List<String> tables = new ArrayList<>(e.routeTableIds());
      r.addRouteTableIds().stream().filter(t -> !tables.contains(t)).forEach(tables::add);
      PolicyDocument policy = r.policyDocument() == null ? e.policyDocument() : PolicyDocument.parse(r.policyDocument());
      endpoints.put(e.vpcEndpointId(), new VpcEndpoint(e.vpcEndpointId(), e.vpcId(), e.serviceName(), e.type(), e.state(),
          subnets, tables, e.securityGroupIds(), e.privateDnsEnabled(), policy));
      return ModifyVpcEndpointResponse.builder().returnValue(true).build();
    }

    @Override
    public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest r) {
      List<software.amazon.awssdk.services.ec2.model.SecurityGroup> found = new ArrayList<>();
      List<String> ids = new ArrayList<>(r.groupIds());
      if (ids.isEmpty()) {
        for (SecurityGroup g : groups.values()) {
          boolean match = true;
          for (Filter f : r.filters()) {
            String value = switch (f.name()) {
              case "vpc-id" -> g.vpcId();
              case "group-name" -> g.groupName();
              default -> throw new UnsupportedOperationException(f.name());
            };
            match &= f.values().contains(value);
          }
          if (match) {
            ids.add(g.groupId());
          }
        }
      }
      for (String id : ids) {
        SecurityGroup g = groups.get(id);
        if (g == null || (!r.groupIds().isEmpty() && invisible(id))) {
          throw ec2Error("InvalidGroup.NotFound");
        }
        found.add(software.amazon.awssdk.services.ec2.model.SecurityGroup.builder().groupId(g.groupId())
            .groupName(g.groupName()).vpcId(g.vpcId())
            .ipPermissions(g.ingress().stream().map(FakeAccount::toSdk).toList())
            .ipPermissionsEgress(g.egress().stream().map(FakeAccount::toSdk).toList()).build());
      }
      return DescribeSecurityGroupsResponse.builder().securityGroups(found).build();
    }

    @Override
    public CreateSecurityGroupResponse createSecurityGroup(CreateSecurityGroupRequest r) {
      ec2Call("CreateSecurityGroup", r.dryRun());
      if (groups.values().stream().anyMatch(g -> g.vpcId().equals(r.vpcId()) && r.groupName().equals(g.groupName()))) {
        throw ec2Error("InvalidGroup.Duplicate");
      }
      String id = "sg-0fake" + String.format("%012d", endpointCounter++);
      invisibleReadsLeft.put(id, newGroupInvisibleCalls);
      groups.put(id, new SecurityGroup(id, r.groupName(), r.vpcId(), List.of(),
          List.of(new SecurityGroupRule("-1", null, null, List.of("0.0.0.0/0"), List.of(), List.of(), List.of()))));
      return CreateSecurityGroupResponse.builder().groupId(id).build();
    }

    @Override
    public AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngressRequest r) {
      ec2Call("AuthorizeSecurityGroupIngress", r.dryRun());
      if (invisible(r.groupId())) {
        throw ec2Error("InvalidGroup.NotFound");
      }
      SecurityGroup g = groups.get(r.groupId());
      List<SecurityGroupRule> ingress = new ArrayList<>(g.ingress());
      for (IpPermission p : r.ipPermissions()) {
        SecurityGroupRule rule = fromSdk(p);
        if (ingress.contains(rule)) {
          throw ec2Error("InvalidPermission.Duplicate");
        }
        ingress.add(rule);
      }
      groups.put(g.groupId(), new SecurityGroup(g.groupId(), g.groupName(), g.vpcId(), ingress, g.egress()));
      return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true).build();
    }

    @Override
    public AuthorizeSecurityGroupEgressResponse authorizeSecurityGroupEgress(AuthorizeSecurityGroupEgressRequest r) {
      ec2Call("AuthorizeSecurityGroupEgress", r.dryRun());
      SecurityGroup g = groups.get(r.groupId());
      List<SecurityGroupRule> egress = new ArrayList<>(g.egress());
      for (IpPermission p : r.ipPermissions()) {
        SecurityGroupRule rule = fromSdk(p);
        if (egress.contains(rule)) {
          throw ec2Error("InvalidPermission.Duplicate");
        }
        egress.add(rule);
      }
      groups.put(g.groupId(), new SecurityGroup(g.groupId(), g.groupName(), g.vpcId(), g.ingress(), egress));
      return AuthorizeSecurityGroupEgressResponse.builder().returnValue(true).build();
    }
  }

  private static software.amazon.awssdk.services.ec2.model.VpcEndpoint toSdk(VpcEndpoint e) {
    return software.amazon.awssdk.services.ec2.model.VpcEndpoint.builder().vpcEndpointId(e.vpcEndpointId())
        .vpcId(e.vpcId()).serviceName(e.serviceName()).vpcEndpointType(e.type()).state(e.state())
        .subnetIds(e.subnetIds()).routeTableIds(e.routeTableIds())
        .groups(e.securityGroupIds().stream().map(g -> SecurityGroupIdentifier.builder().groupId(g).build()).toList())
        .privateDnsEnabled(e.privateDnsEnabled())
        .policyDocument(e.policyDocument() == null ? null : e.policyDocument().toJsonText()).build();
  }

  private static IpPermission toSdk(SecurityGroupRule r) {
    return IpPermission.builder().ipProtocol(r.protocol()).fromPort(r.fromPort()).toPort(r.toPort())
        .ipRanges(r.cidrs().stream().map(c -> IpRange.builder().cidrIp(c).build()).toList())
        .userIdGroupPairs(r.groupIds().stream().map(g -> UserIdGroupPair.builder().groupId(g).build()).toList())
        .prefixListIds(r.prefixListIds().stream().map(p -> PrefixListId.builder().prefixListId(p).build()).toList())
        .build();
  }

  private static SecurityGroupRule fromSdk(IpPermission p) {
    return new SecurityGroupRule(p.ipProtocol(), p.fromPort(), p.toPort(),
        p.ipRanges().stream().map(IpRange::cidrIp).toList(), List.of(),
        p.userIdGroupPairs().stream().map(UserIdGroupPair::groupId).toList(),
        p.prefixListIds().stream().map(PrefixListId::prefixListId).toList());
  }

  private final class FakeEcs implements EcsClient {
    @Override
    public String serviceName() {
      return "ecs";
    }

    @Override
    public void close() {}

    @Override
    public DescribeTaskDefinitionResponse describeTaskDefinition(DescribeTaskDefinitionRequest r) {
      String wanted = r.taskDefinition();
      Optional<TaskDefinition> td = wanted.startsWith("arn:")
          ? Optional.ofNullable(taskDefinitions.get(wanted))
          : taskDefinitions.values().stream().filter(t -> t.family().equals(wanted))
              .max(java.util.Comparator.comparingInt(TaskDefinition::revision));
      if (td.isEmpty()) {
        throw ClientException.builder().message("Unable to describe task definition.").build();
      }
      DescribeTaskDefinitionResponse.Builder response = DescribeTaskDefinitionResponse.builder().taskDefinition(td.get());
      if (r.includeAsStrings().contains("TAGS")) {
        response.tags(taskDefinitionTags.get(td.get().taskDefinitionArn()));
      }
      return response.build();
    }

    @Override
    public RegisterTaskDefinitionResponse registerTaskDefinition(RegisterTaskDefinitionRequest r) {
      write("RegisterTaskDefinition");
      int revision = taskDefinitions.values().stream().filter(t -> t.family().equals(r.family()))
          .mapToInt(TaskDefinition::revision).max().orElse(0) + 1;
      String arn = "arn:aws:ecs:" + base.region() + ":" + base.accountId() + ":task-definition/" + r.family() + ":" + revision;
      TaskDefinition.Builder td = TaskDefinition.builder();
      for (var target : td.sdkFields()) {
        r.sdkFields().stream().filter(f -> f.memberName().equals(target.memberName())).findFirst()
            .ifPresent(from -> target.set(td, from.getValueOrDefault(r)));
      }
      TaskDefinition created = td.taskDefinitionArn(arn).revision(revision).status("ACTIVE").build();
      taskDefinitions.put(arn, created);
      taskDefinitionTags.put(arn, r.tags());
      Runnable meanwhile = afterNextRegistration;
      afterNextRegistration = null;
      if (meanwhile != null) {
        meanwhile.run();
      }
      return RegisterTaskDefinitionResponse.builder().taskDefinition(created).tags(r.tags()).build();
    }

    @Override
    public DescribeServicesResponse describeServices(DescribeServicesRequest r) {
      List<Service> found = new ArrayList<>();
      for (String name : r.services()) {
        EcsService s = services.get(r.cluster() + "/" + name);
        if (s != null) {
          // One deployment of what it runs: rolled out, unless a test says the rollout fails.
          boolean fails = failingRollouts.contains(s.workloadName());
          found.add(Service.builder().serviceName(s.serviceName()).status("ACTIVE").taskDefinition(s.taskDefinitionArn())
              .deployments(software.amazon.awssdk.services.ecs.model.Deployment.builder().status("PRIMARY")
                  .taskDefinition(s.taskDefinitionArn()).desiredCount(1).runningCount(fails ? 0 : 1)
                  .rolloutState(fails ? "FAILED" : "COMPLETED")
                  .rolloutStateReason(fails ? "ECS deployment circuit breaker: tasks failed to start." : null).build())
              .deploymentController(DeploymentController.builder()
                  .type(deploymentControllers.getOrDefault(s.workloadName(), DeploymentControllerType.ECS.toString())).build())
              .build());
        }
      }
      return DescribeServicesResponse.builder().services(found).build();
    }

    @Override
    public UpdateServiceResponse updateService(UpdateServiceRequest r) {
      write("UpdateService");
      EcsService s = services.get(r.cluster() + "/" + r.service());
      if ("CODE_DEPLOY".equals(deploymentControllers.get(s.workloadName()))) {
        throw software.amazon.awssdk.services.ecs.model.InvalidParameterException.builder()
            .message("Unable to update task definition on services with a CODE_DEPLOY deployment controller.").build();
      }
      services.put(s.workloadName(), new EcsService(s.clusterName(), s.clusterArn(), s.serviceName(), s.serviceArn(),
          s.launchType(), s.platformVersion(), s.subnetIds(), s.securityGroupIds(), s.assignPublicIp(), r.taskDefinition()));
      return UpdateServiceResponse.builder().build();
    }
  }

  private final class FakeEcr implements EcrClient {
    @Override
    public String serviceName() {
      return "ecr";
    }

    @Override
    public void close() {}

    @Override
    public DescribePullThroughCacheRulesResponse describePullThroughCacheRules(DescribePullThroughCacheRulesRequest r) {
      List<software.amazon.awssdk.services.ecr.model.PullThroughCacheRule> found = new ArrayList<>();
      for (String prefix : r.ecrRepositoryPrefixes()) {
        PullThroughCacheRule rule = rules.get(prefix);
        if (rule == null) {
          throw PullThroughCacheRuleNotFoundException.builder().message("no rule " + prefix).build();
        }
        found.add(software.amazon.awssdk.services.ecr.model.PullThroughCacheRule.builder()
            .ecrRepositoryPrefix(rule.ecrRepositoryPrefix()).upstreamRegistry(rule.upstreamRegistry())
            .upstreamRegistryUrl(rule.upstreamRegistryUrl()).credentialArn(rule.credentialArn()).build());
      }
      return DescribePullThroughCacheRulesResponse.builder().pullThroughCacheRules(found).build();
    }

    @Override
    public CreatePullThroughCacheRuleResponse createPullThroughCacheRule(CreatePullThroughCacheRuleRequest r) {
      write("CreatePullThroughCacheRule");
      if (rules.containsKey(r.ecrRepositoryPrefix())) {
        throw PullThroughCacheRuleAlreadyExistsException.builder().message("exists").build();
      }
      rules.put(r.ecrRepositoryPrefix(), new PullThroughCacheRule(r.ecrRepositoryPrefix(), r.upstreamRegistryAsString(),
          r.upstreamRegistryUrl(), r.credentialArn(), null));
      return CreatePullThroughCacheRuleResponse.builder().ecrRepositoryPrefix(r.ecrRepositoryPrefix()).build();
    }

    @Override
    public ValidatePullThroughCacheRuleResponse validatePullThroughCacheRule(ValidatePullThroughCacheRuleRequest r) {
      PullThroughCacheRule rule = rules.get(r.ecrRepositoryPrefix());
      boolean valid = rule.credentialArn() == null || base.secretByArn(rule.credentialArn()).isPresent();
      return ValidatePullThroughCacheRuleResponse.builder().ecrRepositoryPrefix(rule.ecrRepositoryPrefix()).isValid(valid)
          .failure(valid ? null : "UnableToAccessSecret").build();
    }

    @Override
    public UpdatePullThroughCacheRuleResponse updatePullThroughCacheRule(UpdatePullThroughCacheRuleRequest r) {
      write("UpdatePullThroughCacheRule");
      PullThroughCacheRule rule = rules.get(r.ecrRepositoryPrefix());
      rules.put(rule.ecrRepositoryPrefix(), new PullThroughCacheRule(rule.ecrRepositoryPrefix(), rule.upstreamRegistry(),
          rule.upstreamRegistryUrl(), r.credentialArn(), rule.upstreamRepositoryPrefix()));
      return UpdatePullThroughCacheRuleResponse.builder().build();
    }
  }

  private final class FakeIam implements IamClient {
    @Override
    public String serviceName() {
      return "iam";
    }

    @Override
    public void close() {}

    @Override
    public GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest r) {
      String document = inlinePolicies.getOrDefault(r.roleName(), Map.of()).get(r.policyName());
      if (document == null) {
        throw NoSuchEntityException.builder().message("no policy " + r.policyName()).build();
      }
      return GetRolePolicyResponse.builder().roleName(r.roleName()).policyName(r.policyName())
          .policyDocument(URLEncoder.encode(document, StandardCharsets.UTF_8)).build();
    }

    @Override
    public software.amazon.awssdk.services.iam.model.GetRoleResponse getRole(
        software.amazon.awssdk.services.iam.model.GetRoleRequest r) {
      if (CALLER_ROLE_ARN.endsWith("/" + r.roleName())) {
        return software.amazon.awssdk.services.iam.model.GetRoleResponse.builder().role(
            software.amazon.awssdk.services.iam.model.Role.builder().roleName(r.roleName()).arn(CALLER_ROLE_ARN)
                .path("/automation/").build()).build();
      }
      IamRole role = base.role(r.roleName()).orElseThrow(() -> NoSuchEntityException.builder().message("no role").build());
      String trust = trustPolicies.get(role.roleName());
      return software.amazon.awssdk.services.iam.model.GetRoleResponse.builder().role(
          software.amazon.awssdk.services.iam.model.Role.builder().roleName(role.roleName()).arn(role.arn())
              .assumeRolePolicyDocument(trust == null ? null : URLEncoder.encode(trust, StandardCharsets.UTF_8))
              .build()).build();
    }

    @Override
    public software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(
        software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest r) {
      write("UpdateAssumeRolePolicy");
      PolicyDocument.parse(r.policyDocument());
      trustPolicies.put(r.roleName(), r.policyDocument());
      return software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse.builder().build();
    }

    /** Answers from the role's policies as they are now, unless told that IAM has not propagated yet. */
    @Override
    public software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse simulatePrincipalPolicy(
        software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest r) {
      if (r.policySourceArn().equals(CALLER_ROLE_ARN) || r.policySourceArn().equals(callerArn)) {
        return simulateCaller(r);
      }
      simulations++;
      String roleName = r.policySourceArn().substring(r.policySourceArn().lastIndexOf('/') + 1);
      IamRole role = snapshot().iamRoles().stream().filter(x -> x.roleName().equals(roleName)).findFirst().orElseThrow();
      List<software.amazon.awssdk.services.iam.model.EvaluationResult> results = new ArrayList<>();
      for (String action : r.actionNames()) {
        for (String resource : r.resourceArns()) {
          // Like IAM's simulator, a permissions boundary caps what the identity policies allow.
          boolean allowed = simulations > simulatorLag && dev.pullpath.policy.PolicyEvaluator.evaluateWithBoundary(
              role.identityPolicies(), role.permissionsBoundary() == null ? null : role.permissionsBoundary().document(),
              dev.pullpath.policy.PolicyRequest.of(action, resource)).decision().isAllowed();
          results.add(software.amazon.awssdk.services.iam.model.EvaluationResult.builder().evalActionName(action)
              .evalResourceName(resource).evalDecision(allowed ? "allowed" : "implicitDeny").build());
        }
      }
      return software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse.builder()
          .evaluationResults(results).build();
    }

    /** pullpath's own identity: allowed everything but {@link #deniedActions}, unless it may not simulate. */
    private software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse simulateCaller(
        software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest r) {
      if (simulatorDeniedToCaller) {
        throw software.amazon.awssdk.services.iam.model.IamException.builder().statusCode(403)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied")
                .errorMessage("not authorized to perform: iam:SimulatePrincipalPolicy").build())
            .message("not authorized to perform: iam:SimulatePrincipalPolicy").build();
      }
      List<software.amazon.awssdk.services.iam.model.EvaluationResult> results = new ArrayList<>();
      String context = r.contextEntries().stream().map(c -> c.contextKeyName() + "=" + c.contextKeyValues()).toList().toString();
      for (String action : r.actionNames()) {
        for (String resource : r.resourceArns()) {
          callerSimulations.add(action + " " + resource + " " + context);
          results.add(software.amazon.awssdk.services.iam.model.EvaluationResult.builder().evalActionName(action)
              .evalResourceName(resource).evalDecision(deniedActions.contains(action) ? "implicitDeny" : "allowed").build());
        }
      }
      return software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse.builder()
          .evaluationResults(results).build();
    }

    @Override
    public PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest r) {
      write("PutRolePolicy");
      PolicyDocument.parse(r.policyDocument());
      inlinePolicies.get(r.roleName()).put(r.policyName(), r.policyDocument());
      return PutRolePolicyResponse.builder().build();
    }
  }
}
