package dev.pullpath.awsfix;

import dev.pullpath.aws.SdkModels;
import dev.pullpath.fix.AccountWriter;
import dev.pullpath.fix.FixRefusedException;
import dev.pullpath.fix.PermissionCheck;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleNotFoundException;
import software.amazon.awssdk.services.ecr.model.ValidatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The fix plan's reads and writes, through AWS SDK v2. Reads map through the collectors' own mappings;
 * writes treat "already exists" answers as success once the existing configuration is what was asked.
 */
public final class SdkAccountWriter implements AccountWriter {
  private final Ec2Client ec2;
  private final EcsClient ecs;
  private final EcrClient ecr;
  private final IamClient iam;
  private final OwnPermissions own;
  private final Duration pollInterval;
  private final Duration waitTimeout;

  /**
   * @param pollInterval how often to re-read a new endpoint, or ask the simulator about new permissions
   * @param waitTimeout how long to wait for AWS to show the change, after which the step fails (a rerun
   *     picks it up)
   */
  public SdkAccountWriter(Ec2Client ec2, EcsClient ecs, EcrClient ecr, IamClient iam, Duration pollInterval,
      Duration waitTimeout) {
    this(ec2, ecs, ecr, iam, new OwnPermissions(null, iam, null), pollInterval, waitTimeout);
  }

  /**
   * @param own this writer's identity in the policy simulator, for the preflight of the writes EC2 cannot
   *     dry-run; built from the same credentials as the clients
   */
  public SdkAccountWriter(Ec2Client ec2, EcsClient ecs, EcrClient ecr, IamClient iam, OwnPermissions own,
      Duration pollInterval, Duration waitTimeout) {
    this.ec2 = ec2;
    this.ecs = ecs;
    this.ecr = ecr;
    this.iam = iam;
    this.own = own;
    this.pollInterval = pollInterval;
    this.waitTimeout = waitTimeout;
  }

  @Override
  public Optional<AccountWriter> preflight(Consumer<PermissionCheck> checks) {
    return Optional.of(new PreflightWriter(this, ec2, ecs, own, checks));
  }

  // --- reads ---

  @Override
  public Optional<Vpc> vpc(String vpcId) {
    try {
      boolean support = ec2.describeVpcAttribute(b -> b.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
          .enableDnsSupport().value();
      boolean hostnames = ec2.describeVpcAttribute(b -> b.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
          .enableDnsHostnames().value();
      return Optional.of(new Vpc(vpcId, null, support, hostnames));
    } catch (Ec2Exception e) {
      if (notFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<VpcEndpoint> endpoints(String vpcId, String serviceName) {
    return ec2.describeVpcEndpointsPaginator(b -> b.filters(
            Filter.builder().name("vpc-id").values(vpcId).build(),
            Filter.builder().name("service-name").values(serviceName).build()))
        .vpcEndpoints().stream()
        .filter(e -> !isGone(e.stateAsString()))
        .map(SdkModels::endpoint)
        .toList();
  }

  @Override
  public Optional<VpcEndpoint> endpoint(String endpointId) {
    try {
      return ec2.describeVpcEndpoints(b -> b.vpcEndpointIds(endpointId)).vpcEndpoints().stream()
          .filter(e -> !isGone(e.stateAsString())).findFirst().map(SdkModels::endpoint);
    } catch (Ec2Exception e) {
      if (notFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Optional<SecurityGroup> securityGroup(String groupId) {
    try {
      return ec2.describeSecurityGroups(b -> b.groupIds(groupId)).securityGroups().stream().findFirst()
          .map(SdkModels::securityGroup);
    } catch (Ec2Exception e) {
      if (notFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Optional<SecurityGroup> securityGroupNamed(String vpcId, String groupName) {
    return ec2.describeSecurityGroups(b -> b.filters(
            Filter.builder().name("vpc-id").values(vpcId).build(),
            Filter.builder().name("group-name").values(groupName).build()))
        .securityGroups().stream().findFirst().map(SdkModels::securityGroup);
  }

  @Override
  public Optional<PolicyDocument> inlinePolicy(String roleName, String policyName) {
    try {
      String document = iam.getRolePolicy(b -> b.roleName(roleName).policyName(policyName)).policyDocument();
      // IAM returns policy documents URL-encoded (RFC 3986).
      return Optional.of(PolicyDocument.parse(URLDecoder.decode(document, StandardCharsets.UTF_8)));
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<PolicyDocument> trustPolicy(String roleName) {
    try {
      String document = iam.getRole(b -> b.roleName(roleName)).role().assumeRolePolicyDocument();
      // URL-encoded like every IAM policy document.
      return Optional.ofNullable(document).map(d -> PolicyDocument.parse(URLDecoder.decode(d, StandardCharsets.UTF_8)));
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<PullThroughCacheRule> pullThroughCacheRule(String prefix) {
    try {
      return ecr.describePullThroughCacheRules(b -> b.ecrRepositoryPrefixes(prefix)).pullThroughCacheRules().stream()
          .findFirst()
          .map(r -> new PullThroughCacheRule(r.ecrRepositoryPrefix(), r.upstreamRegistryAsString(),
              r.upstreamRegistryUrl(), r.credentialArn(), r.upstreamRepositoryPrefix()));
    } catch (PullThroughCacheRuleNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<TaskDefinition> taskDefinition(String arn) {
    return describeTaskDefinition(arn);
  }

  @Override
  public Optional<TaskDefinition> latestTaskDefinition(String family) {
    // DescribeTaskDefinition with a bare family answers its newest ACTIVE revision.
    return describeTaskDefinition(family);
  }

  private Optional<TaskDefinition> describeTaskDefinition(String reference) {
    try {
      return Optional.of(SdkModels.taskDefinition(
          ecs.describeTaskDefinition(b -> b.taskDefinition(reference)).taskDefinition()));
    } catch (ClientException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<ServiceState> service(String cluster, String service) {
    return ecs.describeServices(b -> b.cluster(cluster).services(service)).services().stream()
        .filter(s -> !"INACTIVE".equals(s.status()))
        .findFirst()
        .map(s -> new ServiceState(s.taskDefinition(),
            s.deploymentController() == null ? "ECS" : s.deploymentController().typeAsString()));
  }

  // --- writes ---

  @Override
  public Written enableVpcDnsSupport(String vpcId) {
    return written(ec2.modifyVpcAttribute(b -> b.vpcId(vpcId).enableDnsSupport(on())), null);
  }

  @Override
  public Written enableVpcDnsHostnames(String vpcId) {
    return written(ec2.modifyVpcAttribute(b -> b.vpcId(vpcId).enableDnsHostnames(on())), null);
  }

  private static AttributeBooleanValue on() {
    return AttributeBooleanValue.builder().value(true).build();
  }

  @Override
  public Written createInterfaceEndpoint(
      String vpcId, String serviceName, List<String> subnetIds, List<String> securityGroupIds, Tagging tagging) {
    var response = ec2.createVpcEndpoint(
        Ec2Writes.interfaceEndpoint(vpcId, serviceName, subnetIds, securityGroupIds, tagging));
    String id = response.vpcEndpoint().vpcEndpointId();
    awaitAvailable(id);
    return written(response, id);
  }

  /**
   * Polls until the endpoint is available; the state is compared case-insensitively (the API answers camelCase).
   * EC2 is eventually consistent: right after the create, a read by id may answer NotFound, which means "not
   * visible yet", not "gone".
   */
  private void awaitAvailable(String endpointId) {
    long deadline = System.nanoTime() + waitTimeout.toNanos();
    while (true) {
      Optional<software.amazon.awssdk.services.ec2.model.VpcEndpoint> endpoint;
      try {
        endpoint = ec2.describeVpcEndpoints(b -> b.vpcEndpointIds(endpointId)).vpcEndpoints().stream().findFirst();
      } catch (Ec2Exception e) {
        if (!notFound(e)) {
          throw e;
        }
        endpoint = Optional.empty();
      }
      String state = endpoint.map(e -> e.stateAsString()).orElse("not visible yet");
      if ("available".equalsIgnoreCase(state)) {
        return;
      }
      if ("failed".equalsIgnoreCase(state) || "rejected".equalsIgnoreCase(state)) {
        String error = endpoint.map(e -> e.lastError() == null ? "" : ": " + e.lastError().message()).orElse("");
        throw new FixRefusedException("endpoint " + endpointId + " is " + state + error);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("endpoint " + endpointId + " is still " + state + " after "
            + waitTimeout.toSeconds() + " s; rerun to continue once it is available");
      }
      sleep();
    }
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for AWS to show a change", e);
    }
  }

  @Override
  public Written addEndpointSubnets(String endpointId, List<String> subnetIds) {
    return written(ec2.modifyVpcEndpoint(Ec2Writes.addSubnets(endpointId, subnetIds)), null);
  }

  @Override
  public Written createGatewayEndpoint(String vpcId, String serviceName, List<String> routeTableIds, Tagging tagging) {
    var response = ec2.createVpcEndpoint(Ec2Writes.gatewayEndpoint(vpcId, serviceName, routeTableIds, tagging));
    return written(response, response.vpcEndpoint().vpcEndpointId());
  }

  @Override
  public Written addEndpointRouteTables(String endpointId, List<String> routeTableIds) {
    return written(ec2.modifyVpcEndpoint(Ec2Writes.addRouteTables(endpointId, routeTableIds)), null);
  }

  @Override
  public Written setEndpointPolicy(String endpointId, String policyDocument) {
    return written(ec2.modifyVpcEndpoint(Ec2Writes.policy(endpointId, policyDocument)), null);
  }

  @Override
  public Written createSecurityGroup(String vpcId, String groupName, String description, Tagging tagging) {
    try {
      var response = ec2.createSecurityGroup(Ec2Writes.securityGroup(vpcId, groupName, description, tagging));
      awaitGroupVisible(response.groupId());
      return written(response, response.groupId());
    } catch (Ec2Exception e) {
      // CreateSecurityGroup takes no client token: when its answer is lost (a 5xx, a timeout) the SDK sends it
      // again and EC2 answers that the group the first attempt made exists. That group is the one asked for.
      if ("InvalidGroup.Duplicate".equals(errorCode(e))) {
        return new Written(List.of(), securityGroupNamed(vpcId, groupName).orElseThrow(() -> e).groupId());
      }
      throw e;
    }
  }

  /**
   * EC2 is eventually consistent: a group just created may answer InvalidGroup.NotFound to the next read or rule
   * addition. Polls a read by id until it finds the group, so the caller's next calls see it (bounded).
   */
  private void awaitGroupVisible(String groupId) {
    long deadline = System.nanoTime() + waitTimeout.toNanos();
    while (securityGroup(groupId).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("security group " + groupId + " was created but is still not visible after "
            + waitTimeout.toSeconds() + " s; rerun to continue (it is found by name)");
      }
      sleep();
    }
  }

  @Override
  public Written authorizeIngress(String groupId, int port, List<String> cidrs, List<String> sourceGroupIds) {
    try {
      return written(ec2.authorizeSecurityGroupIngress(Ec2Writes.ingress(groupId, port, cidrs, sourceGroupIds)), null);
    } catch (Ec2Exception e) {
      if (duplicate(e)) {
        return new Written(List.of(), null);
      }
      throw e;
    }
  }

  @Override
  public Written authorizeEgress(String groupId, int port, List<String> cidrs, List<String> prefixListIds) {
    try {
      return written(ec2.authorizeSecurityGroupEgress(Ec2Writes.egress(groupId, port, cidrs, prefixListIds)), null);
    } catch (Ec2Exception e) {
      if (duplicate(e)) {
        return new Written(List.of(), null);
      }
      throw e;
    }
  }

  @Override
  public Written updateAssumeRolePolicy(String roleName, String policyDocument) {
    return written(iam.updateAssumeRolePolicy(b -> b.roleName(roleName).policyDocument(policyDocument)), null);
  }

  @Override
  public Written putRolePolicy(String roleName, String policyName, String policyDocument) {
    Written written = written(iam.putRolePolicy(b -> b.roleName(roleName).policyName(policyName)
        .policyDocument(policyDocument)), null);
    awaitSimulatorAllows(roleName, PolicyDocument.parse(policyDocument));
    return written;
  }

  /**
   * IAM is eventually consistent: services are moved only once the policy simulator allows what the policy
   * grants, so the new tasks do not start with the old permissions. Bounded; a timeout fails the step, and so
   * does an explicit deny at once.
   */
  private void awaitSimulatorAllows(String roleName, PolicyDocument granted) {
    String roleArn = iam.getRole(b -> b.roleName(roleName)).role().arn();
    long deadline = System.nanoTime() + waitTimeout.toNanos();
    while (true) {
      List<String> denied = new ArrayList<>();
      for (var statement : granted.statements()) {
        iam.simulatePrincipalPolicy(b -> b.policySourceArn(roleArn).actionNames(statement.actions())
                .resourceArns(statement.resources().isEmpty() ? List.of("*") : statement.resources()))
            .evaluationResults().stream()
            .filter(r -> !"allowed".equalsIgnoreCase(r.evalDecisionAsString()))
            .forEach(r -> denied.add(r.evalActionName() + " on " + r.evalResourceName() + ": " + r.evalDecisionAsString()));
      }
      if (denied.isEmpty()) {
        return;
      }
      // A Deny (a boundary, an SCP, another policy) does not go away as IAM propagates: waiting cannot help.
      List<String> explicit = denied.stream().filter(d -> d.toLowerCase(Locale.ROOT).endsWith(": explicitdeny")).toList();
      if (!explicit.isEmpty()) {
        throw new IllegalStateException("the policy simulator explicitly denies what " + roleName + " was granted ("
            + String.join("; ", explicit) + "): a Deny in a permissions boundary, an SCP or another policy of the role "
            + "overrides it; narrow that Deny, then rerun");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the policy simulator still does not allow what " + roleName + " was granted ("
            + String.join("; ", denied) + "); a permissions boundary or SCP may deny it, or IAM has not propagated yet");
      }
      sleep();
    }
  }

  @Override
  public Written createPullThroughCacheRule(
      String prefix, String upstreamRegistry, String upstreamRegistryUrl, String credentialArn) {
    List<String> requestIds = new ArrayList<>();
    try {
      requestIds.addAll(written(ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix(prefix)
          .upstreamRegistry(upstreamRegistry).upstreamRegistryUrl(upstreamRegistryUrl).credentialArn(credentialArn)), null)
          .requestIds());
    } catch (PullThroughCacheRuleAlreadyExistsException e) {
      PullThroughCacheRule existing = pullThroughCacheRule(prefix).orElseThrow(() -> e);
      if (!existing.upstreamRegistry().equals(upstreamRegistry)) {
        throw new FixRefusedException("pull-through cache rule " + prefix + " already exists for "
            + existing.upstreamRegistry() + ", not " + upstreamRegistry);
      }
    }
    ValidatePullThroughCacheRuleResponse validation =
        ecr.validatePullThroughCacheRule(b -> b.ecrRepositoryPrefix(prefix));
    requestIds.addAll(written(validation, null).requestIds());
    if (!Boolean.TRUE.equals(validation.isValid())) {
      throw new FixRefusedException("ECR created rule " + prefix + " but cannot use it: " + validation.failure());
    }
    return new Written(requestIds, prefix);
  }

  @Override
  public Written updatePullThroughCacheRuleCredential(String prefix, String credentialArn) {
    return written(ecr.updatePullThroughCacheRule(b -> b.ecrRepositoryPrefix(prefix).credentialArn(credentialArn)), null);
  }

  @Override
  public Written registerTaskDefinitionRevision(String sourceArn, Map<String, String> imageByContainer, Tagging tagging) {
    DescribeTaskDefinitionResponse source =
        ecs.describeTaskDefinition(b -> b.taskDefinition(sourceArn).include(TaskDefinitionField.TAGS));
    RegisterTaskDefinitionRequest request = TaskDefinitionCopy.revision(source, imageByContainer, tagging.tags());
    var response = ecs.registerTaskDefinition(request);
    return written(response, response.taskDefinition().taskDefinitionArn());
  }

  @Override
  public Written updateService(String cluster, String service, String taskDefinitionArn) {
    Written written = written(ecs.updateService(b -> b.cluster(cluster).service(service)
        .taskDefinition(taskDefinitionArn).forceNewDeployment(true)), null);
    awaitStable(cluster, service, taskDefinitionArn);
    return written;
  }

  /**
   * Waits until the service's new deployment has rolled out (ECS's {@code servicesStable}: one deployment,
   * running as many tasks as desired), so the rescan that proves the fix sees tasks that pulled their images.
   * A failed rollout (the deployment circuit breaker) fails the step, and so does a slow one at the timeout:
   * the service is moved either way, so a rerun finds it on the revision and writes nothing.
   */
  private void awaitStable(String cluster, String service, String taskDefinitionArn) {
    long deadline = System.nanoTime() + waitTimeout.toNanos();
    while (true) {
      Optional<software.amazon.awssdk.services.ecs.model.Service> described =
          ecs.describeServices(b -> b.cluster(cluster).services(service)).services().stream().findFirst();
      List<software.amazon.awssdk.services.ecs.model.Deployment> deployments =
          described.map(software.amazon.awssdk.services.ecs.model.Service::deployments).orElse(List.of());
      Optional<software.amazon.awssdk.services.ecs.model.Deployment> primary = deployments.stream()
          .filter(d -> taskDefinitionArn.equals(d.taskDefinition())).findFirst();
      String rollout = primary.map(d -> String.valueOf(d.rolloutStateAsString())).orElse("");
      if ("FAILED".equalsIgnoreCase(rollout)) {
        throw new FixRefusedException("service " + cluster + "/" + service + " failed to roll out "
            + taskDefinitionArn + ": " + primary.get().rolloutStateReason());
      }
      boolean stable = deployments.size() == 1 && primary.isPresent()
          && primary.get().runningCount().equals(primary.get().desiredCount());
      if (stable) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("service " + cluster + "/" + service + " has not finished rolling out "
            + taskDefinitionArn + " after " + waitTimeout.toSeconds() + " s; its tasks may not start (check its "
            + "events) or it is slow");
      }
      sleep();
    }
  }

  // --- helpers ---

  private static Written written(AwsResponse response, String createdId) {
    String id = response.responseMetadata() == null ? null : response.responseMetadata().requestId();
    return new Written(id == null || "UNKNOWN".equals(id) ? List.of() : List.of(id), createdId);
  }

  private static boolean isGone(String state) {
    String s = state == null ? "" : state.toLowerCase(Locale.ROOT);
    return s.equals("deleted") || s.equals("deleting");
  }

  /** The service's error code and message, and the request id AWS support asks for. */
  @Override
  public Failure failure(RuntimeException e) {
    if (e instanceof AwsServiceException aws) {
      AwsErrorDetails details = aws.awsErrorDetails();
      String code = details == null ? null : details.errorCode();
      String text = details == null || details.errorMessage() == null ? aws.getMessage() : details.errorMessage();
      String id = aws.requestId();
      return new Failure((code == null ? "" : code + ": ") + text + (id == null ? "" : " (request id " + id + ")"),
          id == null ? List.of() : List.of(id));
    }
    return AccountWriter.super.failure(e);
  }

  private static boolean notFound(Ec2Exception e) {
    return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
        && e.awsErrorDetails().errorCode().endsWith(".NotFound");
  }

  /** The rule is there already: EC2's answer to adding an existing rule. */
  private static boolean duplicate(Ec2Exception e) {
    return "InvalidPermission.Duplicate".equals(errorCode(e));
  }

  private static String errorCode(Ec2Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }


}
