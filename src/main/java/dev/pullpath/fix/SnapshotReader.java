package dev.pullpath.fix;

import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.IamRole;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.List;
import java.util.Optional;

/** The reads of {@link AccountReader} answered from a snapshot: what a plan records as each step's "before". */
public final class SnapshotReader implements AccountReader {
  private final AccountSnapshot snapshot;

  public SnapshotReader(AccountSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public Optional<Vpc> vpc(String vpcId) {
    return snapshot.vpc(vpcId);
  }

  @Override
  public List<VpcEndpoint> endpoints(String vpcId, String serviceName) {
    return snapshot.endpoints(vpcId, serviceName);
  }

  @Override
  public Optional<VpcEndpoint> endpoint(String endpointId) {
    return snapshot.vpcEndpoint(endpointId);
  }

  @Override
  public Optional<SecurityGroup> securityGroup(String groupId) {
    return snapshot.securityGroup(groupId);
  }

  @Override
  public Optional<SecurityGroup> securityGroupNamed(String vpcId, String groupName) {
    return snapshot.securityGroups().stream()
        .filter(g -> g.vpcId().equals(vpcId) && groupName.equals(g.groupName())).findFirst();
  }

  @Override
  public Optional<PolicyDocument> inlinePolicy(String roleName, String policyName) {
    return snapshot.role(roleName).stream().flatMap(r -> r.inlinePolicies().stream())
        .filter(p -> p.policyName().equals(policyName)).map(IamRole.NamedPolicy::document).findFirst();
  }

  @Override
  public Optional<PolicyDocument> trustPolicy(String roleName) {
    return snapshot.role(roleName).map(IamRole::assumeRolePolicyDocument);
  }

  @Override
  public Optional<PullThroughCacheRule> pullThroughCacheRule(String prefix) {
    return snapshot.pullThroughCacheRules().stream().filter(r -> r.ecrRepositoryPrefix().equals(prefix)).findFirst();
  }

  @Override
  public Optional<TaskDefinition> taskDefinition(String arn) {
    return snapshot.taskDefinition(arn);
  }

  @Override
  public Optional<TaskDefinition> latestTaskDefinition(String family) {
    return snapshot.taskDefinition(family); // a bare family is its highest revision
  }

  @Override
  public Optional<ServiceState> service(String cluster, String service) {
    // A snapshot does not record the deployment controller; apply reads it live before UpdateService.
    return snapshot.service(cluster + "/" + service)
        .map(EcsService::taskDefinitionArn).map(arn -> new ServiceState(arn, null));
  }
}
