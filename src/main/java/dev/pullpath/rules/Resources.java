package dev.pullpath.rules;

import dev.pullpath.check.ResourceRef;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.TaskDefinition;

/** Builds {@link ResourceRef}s with their ARNs from snapshot ids. */
final class Resources {
  private Resources() {}

  static ResourceRef vpc(AccountSnapshot s, String id) {
    return ec2(s, "AWS::EC2::VPC", "vpc", id);
  }

  static ResourceRef subnet(AccountSnapshot s, String id) {
    return ec2(s, "AWS::EC2::Subnet", "subnet", id);
  }

  static ResourceRef routeTable(AccountSnapshot s, String id) {
    return ec2(s, "AWS::EC2::RouteTable", "route-table", id);
  }

  static ResourceRef vpcEndpoint(AccountSnapshot s, String id) {
    return ec2(s, "AWS::EC2::VPCEndpoint", "vpc-endpoint", id);
  }

  static ResourceRef securityGroup(AccountSnapshot s, String id) {
    return ec2(s, "AWS::EC2::SecurityGroup", "security-group", id);
  }

  static ResourceRef service(AccountSnapshot s, EcsService service) {
    String arn = service.serviceArn() != null
        ? service.serviceArn()
        : "arn:aws:ecs:" + s.region() + ":" + s.accountId() + ":service/" + service.workloadName();
    return new ResourceRef("AWS::ECS::Service", service.workloadName(), arn);
  }

  static ResourceRef taskDefinition(TaskDefinition td) {
    return new ResourceRef("AWS::ECS::TaskDefinition", td.displayName(), td.taskDefinitionArn());
  }

  static ResourceRef role(String arn) {
    return new ResourceRef("AWS::IAM::Role", arn.substring(arn.lastIndexOf('/') + 1), arn);
  }

  /** ECR has no ARN for a cache rule; the registry's repositories under the prefix are what it governs. */
  static ResourceRef pullThroughCacheRule(AccountSnapshot s, String prefix) {
    return new ResourceRef("AWS::ECR::PullThroughCacheRule", prefix,
        "arn:aws:ecr:" + s.region() + ":" + s.accountId() + ":repository/" + prefix + "/*");
  }

  static ResourceRef secret(String arn) {
    return new ResourceRef("AWS::SecretsManager::Secret", arn.substring(arn.lastIndexOf(':') + 1), arn);
  }

  private static ResourceRef ec2(AccountSnapshot s, String type, String kind, String id) {
    return new ResourceRef(type, id, "arn:aws:ec2:" + s.region() + ":" + s.accountId() + ":" + kind + "/" + id);
  }
}
