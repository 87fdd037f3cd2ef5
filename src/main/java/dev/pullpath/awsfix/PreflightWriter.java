package dev.pullpath.awsfix;

import dev.pullpath.fix.AccountReader;
import dev.pullpath.fix.AccountWriter;
import dev.pullpath.fix.PermissionCheck;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The preflight twin of {@link SdkAccountWriter}: reads what it reads, but checks each write instead of
 * making it. EC2 writes go out as the same request with {@code DryRun=true}: {@code DryRunOperation} means
 * allowed, {@code UnauthorizedOperation} denied, anything else (a group an earlier step creates does not
 * exist yet) is inconclusive. Writes EC2 cannot dry-run (ModifyVpcAttribute) and the IAM, ECR and ECS writes
 * are asked of the policy simulator for the writer's own identity, with the request's ARNs and condition
 * keys. A group this preflight "creates" is remembered, so a later step that uses it reads it.
 */
final class PreflightWriter implements AccountWriter {
  private static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

  private final AccountReader live;
  private final Ec2Client ec2;
  private final EcsClient ecs;
  private final OwnPermissions own;
  private final Consumer<PermissionCheck> checks;
  /** Groups the checked steps would create, by placeholder id. */
  private final Map<String, SecurityGroup> created = new LinkedHashMap<>();

  PreflightWriter(AccountReader live, Ec2Client ec2, EcsClient ecs, OwnPermissions own, Consumer<PermissionCheck> checks) {
    this.live = live;
    this.ec2 = ec2;
    this.ecs = ecs;
    this.own = own;
    this.checks = checks;
  }

  // --- reads: live, plus what this preflight would have created ---

  @Override
  public Optional<Vpc> vpc(String vpcId) {
    return live.vpc(vpcId);
  }

  @Override
  public List<VpcEndpoint> endpoints(String vpcId, String serviceName) {
    return live.endpoints(vpcId, serviceName);
  }

  @Override
  public Optional<VpcEndpoint> endpoint(String endpointId) {
    return live.endpoint(endpointId);
  }

  @Override
  public Optional<SecurityGroup> securityGroup(String groupId) {
    return created.containsKey(groupId) ? Optional.of(created.get(groupId)) : live.securityGroup(groupId);
  }

  @Override
  public Optional<SecurityGroup> securityGroupNamed(String vpcId, String groupName) {
    return live.securityGroupNamed(vpcId, groupName).or(() -> created.values().stream()
        .filter(g -> g.vpcId().equals(vpcId) && g.groupName().equals(groupName)).findFirst());
  }

  @Override
  public Optional<PolicyDocument> inlinePolicy(String roleName, String policyName) {
    return live.inlinePolicy(roleName, policyName);
  }

  @Override
  public Optional<PolicyDocument> trustPolicy(String roleName) {
    return live.trustPolicy(roleName);
  }

  @Override
  public Optional<PullThroughCacheRule> pullThroughCacheRule(String prefix) {
    return live.pullThroughCacheRule(prefix);
  }

  @Override
  public Optional<TaskDefinition> taskDefinition(String arn) {
    return live.taskDefinition(arn);
  }

  @Override
  public Optional<TaskDefinition> latestTaskDefinition(String family) {
    return live.latestTaskDefinition(family);
  }

  @Override
  public Optional<ServiceState> service(String cluster, String service) {
    return live.service(cluster, service);
  }

  // --- writes: checked, not made ---

  @Override
  public Written enableVpcDnsSupport(String vpcId) {
    return simulate("ec2:ModifyVpcAttribute", own.arn("ec2", "vpc/" + vpcId), Map.of());
  }

  @Override
  public Written enableVpcDnsHostnames(String vpcId) {
    return simulate("ec2:ModifyVpcAttribute", own.arn("ec2", "vpc/" + vpcId), Map.of());
  }

  @Override
  public Written createInterfaceEndpoint(
      String vpcId, String serviceName, List<String> subnetIds, List<String> securityGroupIds, Tagging tagging) {
    // A group an earlier step creates has no id yet: the dry run asks without it.
    List<String> existing = securityGroupIds.stream().filter(g -> !created.containsKey(g)).toList();
    dryRun("ec2:CreateVpcEndpoint", vpcId, () -> ec2.createVpcEndpoint(Ec2Writes.interfaceEndpoint(
        vpcId, serviceName, subnetIds, existing, tagging).toBuilder().dryRun(true).build()));
    return nothingWritten(null);
  }

  @Override
  public Written addEndpointSubnets(String endpointId, List<String> subnetIds) {
    dryRun("ec2:ModifyVpcEndpoint", endpointId, () -> ec2.modifyVpcEndpoint(
        Ec2Writes.addSubnets(endpointId, subnetIds).toBuilder().dryRun(true).build()));
    return nothingWritten(null);
  }

  @Override
  public Written createGatewayEndpoint(String vpcId, String serviceName, List<String> routeTableIds, Tagging tagging) {
    dryRun("ec2:CreateVpcEndpoint", vpcId, () -> ec2.createVpcEndpoint(
        Ec2Writes.gatewayEndpoint(vpcId, serviceName, routeTableIds, tagging).toBuilder().dryRun(true).build()));
    return nothingWritten(null);
  }

  @Override
  public Written addEndpointRouteTables(String endpointId, List<String> routeTableIds) {
    dryRun("ec2:ModifyVpcEndpoint", endpointId, () -> ec2.modifyVpcEndpoint(
        Ec2Writes.addRouteTables(endpointId, routeTableIds).toBuilder().dryRun(true).build()));
    return nothingWritten(null);
  }

  @Override
  public Written setEndpointPolicy(String endpointId, String policyDocument) {
    dryRun("ec2:ModifyVpcEndpoint", endpointId, () -> ec2.modifyVpcEndpoint(
        Ec2Writes.policy(endpointId, policyDocument).toBuilder().dryRun(true).build()));
    return nothingWritten(null);
  }

  @Override
  public Written createSecurityGroup(String vpcId, String groupName, String description, Tagging tagging) {
    dryRun("ec2:CreateSecurityGroup", vpcId, () -> ec2.createSecurityGroup(
        Ec2Writes.securityGroup(vpcId, groupName, description, tagging).toBuilder().dryRun(true).build()));
    String placeholder = "new group " + groupName + " in " + vpcId;
    created.put(placeholder, new SecurityGroup(placeholder, groupName, vpcId, List.of(), List.of()));
    return nothingWritten(placeholder);
  }

  @Override
  public Written authorizeIngress(String groupId, int port, List<String> cidrs, List<String> sourceGroupIds) {
    dryRunRule("ec2:AuthorizeSecurityGroupIngress", groupId, () -> ec2.authorizeSecurityGroupIngress(
        Ec2Writes.ingress(groupId, port, cidrs, sourceGroupIds).toBuilder().dryRun(true).build()));
    return nothingWritten(null);
  }

  @Override
  public Written authorizeEgress(String groupId, int port, List<String> cidrs, List<String> prefixListIds) {
    dryRunRule("ec2:AuthorizeSecurityGroupEgress", groupId, () -> ec2.authorizeSecurityGroupEgress(
        Ec2Writes.egress(groupId, port, cidrs, prefixListIds).toBuilder().dryRun(true).build()));
    return nothingWritten(null);
  }

  /** A rule on a group the run creates cannot be dry-run before the group exists: that check is inconclusive. */
  private void dryRunRule(String action, String groupId, Runnable request) {
    if (created.containsKey(groupId)) {
      checks.accept(PermissionCheck.inconclusive(action, groupId, "the group does not exist before the run creates it"));
    } else {
      dryRun(action, groupId, request);
    }
  }

  @Override
  public Written putRolePolicy(String roleName, String policyName, String policyDocument) {
    return simulate("iam:PutRolePolicy", own.roleArn(roleName), Map.of("iam:PolicyName", policyName));
  }

  @Override
  public Written updateAssumeRolePolicy(String roleName, String policyDocument) {
    return simulate("iam:UpdateAssumeRolePolicy", own.roleArn(roleName), Map.of());
  }

  @Override
  public Written createPullThroughCacheRule(
      String prefix, String upstreamRegistry, String upstreamRegistryUrl, String credentialArn) {
    // The rule APIs are scoped to the registry's repositories, as --print-fix-policy scopes them.
    String repositories = own.arn("ecr", "repository/*");
    simulate("ecr:CreatePullThroughCacheRule", repositories, Map.of());
    return simulate("ecr:ValidatePullThroughCacheRule", repositories, Map.of());
  }

  @Override
  public Written updatePullThroughCacheRuleCredential(String prefix, String credentialArn) {
    return simulate("ecr:UpdatePullThroughCacheRule", own.arn("ecr", "repository/*"), Map.of());
  }

  /** Registering needs the ECS actions and iam:PassRole on the revision's roles, passed to ECS tasks. */
  @Override
  public Written registerTaskDefinitionRevision(String sourceArn, Map<String, String> imageByContainer, Tagging tagging) {
    var source = ecs.describeTaskDefinition(b -> b.taskDefinition(sourceArn)).taskDefinition();
    String family = own.arn("ecs", "task-definition/" + source.family() + ":*");
    simulate("ecs:RegisterTaskDefinition", family, Map.of());
    simulate("ecs:TagResource", family, Map.of());
    Stream.of(source.executionRoleArn(), source.taskRoleArn()).filter(r -> r != null && !r.isBlank()).distinct()
        .forEach(role -> simulate("iam:PassRole", role, Map.of("iam:PassedToService", ECS_TASKS)));
    return nothingWritten(null);
  }

  @Override
  public Written updateService(String cluster, String service, String taskDefinitionArn) {
    String clusterName = cluster.substring(cluster.lastIndexOf('/') + 1);
    return simulate("ecs:UpdateService", own.arn("ecs", "service/" + clusterName + "/" + service), Map.of());
  }

  private Written simulate(String action, String resource, Map<String, String> context) {
    own.check(action, List.of(resource), context).forEach(checks);
    return nothingWritten(null);
  }

  /** Sends one EC2 request with DryRun and turns EC2's answer into a check. */
  private void dryRun(String action, String resource, Runnable request) {
    try {
      request.run();
      checks.accept(PermissionCheck.inconclusive(action, resource,
          "the endpoint answered a DryRun request as a write, without DryRunOperation"));
    } catch (Ec2Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if ("DryRunOperation".equals(code)) {
        checks.accept(PermissionCheck.allowed(action, resource));
      } else if ("UnauthorizedOperation".equals(code)) {
        checks.accept(PermissionCheck.denied(action, resource, "EC2 answered UnauthorizedOperation to its DryRun"));
      } else {
        checks.accept(PermissionCheck.inconclusive(action, resource, "EC2 answered " + code + " to its DryRun"));
      }
    } catch (SdkException e) {
      checks.accept(PermissionCheck.inconclusive(action, resource, "its DryRun failed: " + e.getMessage()));
    }
  }

  private static Written nothingWritten(String placeholderId) {
    return new Written(List.of(), placeholderId);
  }
}
