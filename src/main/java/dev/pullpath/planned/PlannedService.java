package dev.pullpath.planned;

import dev.pullpath.check.SourcePosition;
import java.util.List;

/**
 * An ECS service a template or plan creates or updates: it replaces the service of the same cluster and
 * name, or is added.
 *
 * @param address the CloudFormation logical id or Terraform address
 * @param taskDefinition a family, {@code family:revision} or ARN, as {@code create-service} takes it (a family
 *     planned by the same files is its planned revision)
 * @param position where the file declares the service
 */
public record PlannedService(String file, String address, String clusterName, String serviceName,
    String taskDefinition, String launchType, List<String> subnetIds, List<String> securityGroupIds,
    boolean assignPublicIp, SourcePosition position) {
  public PlannedService {
    subnetIds = List.copyOf(subnetIds);
    securityGroupIds = List.copyOf(securityGroupIds);
  }

  /** A cluster's name from its name or ARN ({@code arn:aws:ecs:REGION:ACCOUNT:cluster/NAME}). */
  static String clusterName(String nameOrArn) {
    return nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
  }
}
