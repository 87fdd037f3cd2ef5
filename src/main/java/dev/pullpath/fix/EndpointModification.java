package dev.pullpath.fix;

import dev.pullpath.snapshot.VpcEndpoint;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The ModifyVpcEndpoint call shared by the steps that change an existing endpoint (its subnets, its route
 * tables, its policy): the call as the plan shows it, its CLI command, the IAM actions it needs, and the
 * endpoint read back for the precondition and the verification.
 */
final class EndpointModification {
  private EndpointModification() {}

  static ApiCall call(String endpointId, String parameter, Object value) {
    return new ApiCall("ec2", "ModifyVpcEndpoint", Map.of("VpcEndpointId", endpointId, parameter, value));
  }

  /** {@code aws ec2 modify-vpc-endpoint} for the endpoint; the caller adds what it changes. */
  static AwsCliCommand command(String region, String endpointId) {
    return AwsCliCommand.of("ec2", "modify-vpc-endpoint", region).option("--vpc-endpoint-id", endpointId);
  }

  static List<String> iamActions() {
    return List.of("ec2:ModifyVpcEndpoint", "ec2:DescribeVpcEndpoints");
  }

  /** The endpoint's state as {@code state} describes it, or that it is gone. */
  static String observe(AccountReader account, String endpointId, Function<VpcEndpoint, String> state) {
    return account.endpoint(endpointId).map(state).orElse("no endpoint " + endpointId);
  }

  /** Whether the endpoint exists and is as wanted. */
  static boolean holds(AccountReader account, String endpointId, Predicate<VpcEndpoint> wanted) {
    return account.endpoint(endpointId).map(wanted::test).orElse(false);
  }
}
