package dev.pullpath.fix;

import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * The reads a fix step needs to check its precondition and verify its change. Answered from a snapshot
 * while planning ({@link SnapshotReader}) and from AWS while applying, so the state a plan saw and the
 * state an apply sees are computed by the same code.
 */
public interface AccountReader {
  Optional<Vpc> vpc(String vpcId);

  /** Interface and gateway endpoints of a VPC for a service name, in any state but deleted. */
  List<VpcEndpoint> endpoints(String vpcId, String serviceName);

  Optional<VpcEndpoint> endpoint(String endpointId);

  Optional<SecurityGroup> securityGroup(String groupId);

  /** A VPC's security group by name, e.g. the {@code pullpath-endpoints} group an earlier fix created. */
  Optional<SecurityGroup> securityGroupNamed(String vpcId, String groupName);

  /** A role's inline policy by name. */
  Optional<PolicyDocument> inlinePolicy(String roleName, String policyName);

  /** A role's trust policy; empty when the role does not exist. */
  Optional<PolicyDocument> trustPolicy(String roleName);

  Optional<PullThroughCacheRule> pullThroughCacheRule(String prefix);

  /** One task-definition revision by ARN, whatever its status. */
  Optional<TaskDefinition> taskDefinition(String arn);

  /** The newest ACTIVE revision of a task-definition family. */
  Optional<TaskDefinition> latestTaskDefinition(String family);

  /** A service's current task definition and deployment controller. */
  Optional<ServiceState> service(String cluster, String service);

  /**
   * What a fix needs to know about a service.
   *
   * @param deploymentController {@code ECS}, {@code CODE_DEPLOY} or {@code EXTERNAL}
   */
  record ServiceState(String taskDefinitionArn, String deploymentController) {}
}
