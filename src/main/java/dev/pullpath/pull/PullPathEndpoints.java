package dev.pullpath.pull;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The interface endpoints a pull from private subnets may need, and the security group new ones share. */
public final class PullPathEndpoints {
  /** The endpoint services a task's pull path uses: ECR's two, CloudWatch Logs, and the two secret stores. */
  public static final List<String> INTERFACE_SUFFIXES = List.of("ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm");

  private PullPathEndpoints() {}

  /** The suffix ({@code ecr.api}...) of a pull-path endpoint service name, empty for any other service. */
  public static Optional<String> suffixOf(AccountSnapshot snapshot, String serviceName) {
    return INTERFACE_SUFFIXES.stream().filter(suffix -> snapshot.endpointServiceName(suffix).equals(serviceName))
        .findFirst();
  }

  /**
   * The security group a new pull-path endpoint of the VPC reuses: the first by id among those of its pull-path
   * interface endpoints, so the rule's fix hint and --fix's plan name the same one. The group of another
   * service's endpoint (a private API Gateway endpoint, say) is never reused: opening it to the task subnets
   * would let them reach that service, which nothing asked for.
   */
  public static Optional<String> reusableGroup(AccountSnapshot snapshot, String vpcId) {
    TreeSet<String> groups = new TreeSet<>();
    snapshot.endpointsIn(vpcId).stream().filter(VpcEndpoint::isInterface)
        .filter(e -> suffixOf(snapshot, e.serviceName()).isPresent())
        .forEach(e -> groups.addAll(e.securityGroupIds()));
    return groups.stream().findFirst();
  }
}
