package dev.pullpath.fix;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One kind of change --fix can make, with its parameters (the real ids it was planned with). Each kind
 * states what it reads before (its precondition, {@link #observe}), what it writes ({@link #apply}) and how
 * the result is checked ({@link #isDone}); and, for the plan a user reviews, the API call, whether it only
 * adds, what it costs and which IAM actions it needs. Instances are values: a saved plan is their JSON.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = EnableVpcDnsSupport.class, name = "enable-vpc-dns-support"),
  @JsonSubTypes.Type(value = EnableVpcDnsHostnames.class, name = "enable-vpc-dns-hostnames"),
  @JsonSubTypes.Type(value = CreateEndpointSecurityGroup.class, name = "create-endpoint-security-group"),
  @JsonSubTypes.Type(value = AuthorizeIngress.class, name = "authorize-ingress"),
  @JsonSubTypes.Type(value = AuthorizeEgress.class, name = "authorize-egress"),
  @JsonSubTypes.Type(value = CreateInterfaceEndpoint.class, name = "create-interface-endpoint"),
  @JsonSubTypes.Type(value = AddEndpointSubnets.class, name = "add-endpoint-subnets"),
  @JsonSubTypes.Type(value = CreateGatewayEndpoint.class, name = "create-gateway-endpoint"),
  @JsonSubTypes.Type(value = AddGatewayRouteTables.class, name = "add-gateway-route-tables"),
  @JsonSubTypes.Type(value = SetEndpointPolicy.class, name = "set-endpoint-policy"),
  @JsonSubTypes.Type(value = CreatePullThroughCacheRule.class, name = "create-pull-through-cache-rule"),
  @JsonSubTypes.Type(value = UpdateCacheRuleCredential.class, name = "update-pull-through-cache-rule-credential"),
  @JsonSubTypes.Type(value = PutExecutionRolePolicy.class, name = "put-execution-role-policy"),
  @JsonSubTypes.Type(value = TrustEcsTasks.class, name = "trust-ecs-tasks"),
  @JsonSubTypes.Type(value = RegisterTaskDefinitionRevision.class, name = "register-task-definition-revision"),
  @JsonSubTypes.Type(value = UpdateServiceTaskDefinition.class, name = "update-service"),
})
public interface FixAction {

  /** Order of application: lower phases first (DNS before endpoints, permissions before the revision...). */
  int phase();

  /** The id of the resource this step changes (or creates in), e.g. {@code vpc-0abc}. */
  String target();

  /** One sentence for the plan. */
  String describe();

  /** The API call with its parameters, as the plan shows it. */
  ApiCall call(String region);

  /** The same call as an AWS CLI command, every value shell-quoted. */
  String awsCli(String region);

  /**
   * The command as the plan shows it and a fix script runs it: {@link #awsCli(String)} plus, for the calls that
   * create something, the client token and the {@code pullpath:plan} tag that {@code apply} sends, so what a
   * script creates is marked like what apply creates, and a retried create is not a second one.
   */
  default String awsCli(String region, AccountWriter.Tagging tagging) {
    return awsCli(region);
  }

  /** False when the step changes existing configuration rather than only adding to it. */
  boolean additive();

  /** What the change costs, empty when it is free. */
  default String costNote() {
    return "";
  }

  /** The IAM actions the write and its checks need. */
  List<String> iamActions();

  /** The ARNs the IAM actions are needed on, for a policy scoped to this plan. */
  List<String> iamResources(String region, String accountId);

  /**
   * The state this step depends on, as canonical text: computed from the snapshot when planning and live
   * when applying. A difference means the plan is stale for this step.
   */
  String observe(AccountReader account);

  /** Whether the desired state holds: the verification after the write, and a skip before it. */
  boolean isDone(AccountReader account);

  /** Makes the change. */
  AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging);

  /**
   * This step combined with another of the same kind and target (two findings needing routes on the same
   * endpoint make one call), or {@code null} when they cannot be combined.
   */
  default FixAction mergeWith(FixAction other) {
    return null;
  }
}
