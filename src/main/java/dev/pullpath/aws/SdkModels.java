package dev.pullpath.aws;

import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.VpcEndpoint;

/**
 * The collectors' SDK-to-snapshot mappings, for the fix writer beside this package: what it re-reads live
 * before and after a change is then exactly what a scan would have read.
 */
public final class SdkModels {
  private SdkModels() {}

  public static VpcEndpoint endpoint(software.amazon.awssdk.services.ec2.model.VpcEndpoint endpoint) {
    return Ec2Collector.toEndpoint(endpoint);
  }

  public static SecurityGroup securityGroup(software.amazon.awssdk.services.ec2.model.SecurityGroup group) {
    return Ec2Collector.toSecurityGroup(group);
  }

  public static TaskDefinition taskDefinition(software.amazon.awssdk.services.ecs.model.TaskDefinition td) {
    return new TaskDefinition(td.taskDefinitionArn(), td.family(), td.revision() == null ? 0 : td.revision(),
        td.executionRoleArn(), td.containerDefinitions().stream().map(EcsCollector::toContainer).toList());
  }
}
