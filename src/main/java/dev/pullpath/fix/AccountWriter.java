package dev.pullpath.fix;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The write calls a fix plan makes, each one AWS API call (or a short fixed sequence, stated below). The
 * implementation beside the collectors ({@code dev.pullpath.awsfix}) maps them to the SDK; nothing on the
 * scan path may call it. Every call either succeeds or throws; "already exists" answers whose existing
 * configuration matches are successes.
 */
public interface AccountWriter extends AccountReader {
  Written enableVpcDnsSupport(String vpcId);

  Written enableVpcDnsHostnames(String vpcId);

  /** CreateVpcEndpoint (Interface, private DNS on), then waits until it is available. */
  Written createInterfaceEndpoint(
      String vpcId, String serviceName, List<String> subnetIds, List<String> securityGroupIds, Tagging tagging);

  Written addEndpointSubnets(String endpointId, List<String> subnetIds);

  /** CreateVpcEndpoint (Gateway) with its route tables. */
  Written createGatewayEndpoint(String vpcId, String serviceName, List<String> routeTableIds, Tagging tagging);

  Written addEndpointRouteTables(String endpointId, List<String> routeTableIds);

  /** ModifyVpcEndpoint PolicyDocument: replaces the whole policy. */
  Written setEndpointPolicy(String endpointId, String policyDocument);

  /** CreateSecurityGroup, tagged; its id is the created id. */
  Written createSecurityGroup(String vpcId, String groupName, String description, Tagging tagging);

  Written authorizeIngress(String groupId, int port, List<String> cidrs, List<String> sourceGroupIds);

  Written authorizeEgress(String groupId, int port, List<String> cidrs, List<String> prefixListIds);

  Written putRolePolicy(String roleName, String policyName, String policyDocument);

  /** UpdateAssumeRolePolicy: replaces the role's whole trust policy. */
  Written updateAssumeRolePolicy(String roleName, String policyDocument);

  /** CreatePullThroughCacheRule, then ValidatePullThroughCacheRule; a failed validation throws. */
  Written createPullThroughCacheRule(
      String prefix, String upstreamRegistry, String upstreamRegistryUrl, String credentialArn);

  Written updatePullThroughCacheRuleCredential(String prefix, String credentialArn);

  /**
   * Registers a new revision of the family from its source revision read live with its tags, every field
   * kept but the images of the named containers and the read-only fields.
   */
  Written registerTaskDefinitionRevision(String sourceArn, Map<String, String> imageByContainer, Tagging tagging);

  /** UpdateService to a task definition, with a new deployment. */
  Written updateService(String cluster, String service, String taskDefinitionArn);

  /**
   * A write that failed, in the words the user and the change log need: the service's error code and
   * message, and the request id AWS support asks for. Only the writer knows its SDK's exceptions.
   */
  default Failure failure(RuntimeException e) {
    return new Failure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), List.of());
  }

  /** What {@link #failure} tells of a failed call. */
  record Failure(String message, List<String> requestIds) {
    public Failure {
      requestIds = List.copyOf(requestIds);
    }
  }

  /**
   * A writer for the preflight: the same reads, but each write is checked instead of made, and its checks go
   * to {@code checks}: EC2 writes are sent with {@code DryRun}, the others asked of the IAM policy simulator
   * for the identity this writer writes as. A checked write returns as if it had succeeded; what it would
   * create gets a placeholder id that later reads of the same preflight writer see (a group an earlier step
   * creates). Empty when this writer cannot check.
   */
  default Optional<AccountWriter> preflight(Consumer<PermissionCheck> checks) {
    return Optional.empty();
  }

  /**
   * How created resources are marked and made idempotent.
   *
   * @param clientToken deterministic per plan and step, for the APIs that take one
   * @param tags {@code pullpath:plan=PLAN-ID}
   */
  record Tagging(String clientToken, Map<String, String> tags) {}

  /**
   * What one write did.
   *
   * @param requestIds AWS request ids of the write calls, for the change log
   * @param createdId the id of a created resource, {@code null} when nothing was created
   */
  record Written(List<String> requestIds, String createdId) {
    public Written {
      requestIds = List.copyOf(requestIds);
    }
  }
}
