package dev.pullpath.fix;

/** ARNs of the resources a plan changes, for the IAM policy scoped to it. */
final class Arns {
  private Arns() {}

  static String ec2(String region, String accountId, String kind, String id) {
    return "arn:aws:ec2:" + region + ":" + accountId + ":" + kind + "/" + id;
  }

  static String role(String accountId, String roleName) {
    return "arn:aws:iam::" + accountId + ":role/" + roleName;
  }

  static String cacheRule(String region, String accountId) {
    // Pull-through cache rule APIs take no resource-level permissions beyond the registry's repositories.
    return "arn:aws:ecr:" + region + ":" + accountId + ":repository/*";
  }

  static String taskDefinition(String region, String accountId, String family) {
    return "arn:aws:ecs:" + region + ":" + accountId + ":task-definition/" + family + ":*";
  }

  static String service(String region, String accountId, String cluster, String service) {
    return "arn:aws:ecs:" + region + ":" + accountId + ":service/" + cluster + "/" + service;
  }
}
