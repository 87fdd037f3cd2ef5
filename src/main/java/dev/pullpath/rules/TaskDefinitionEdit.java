package dev.pullpath.rules;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.TaskDefinition;

/**
 * The CLI pipeline that changes a task definition and rolls the service onto it: ECS has no "edit", so
 * the fix is describe, rewrite with jq, register a new revision, update the service.
 */
final class TaskDefinitionEdit {
  private TaskDefinitionEdit() {}

  /** @param jqEdit a jq filter over the task definition, e.g. {@code .executionRoleArn = "arn:..."} */
  static String command(AccountSnapshot snapshot, EcsService service, TaskDefinition td, String jqEdit) {
    String region = " --region " + snapshot.region();
    // By family, not by the revision the service runs: the latest revision then carries every earlier
    // pasted fix, instead of each fix starting again from the same revision and undoing the one before.
    return "aws ecs describe-task-definition" + region + " --task-definition " + td.family()
        + " --query taskDefinition --output json | jq '" + jqEdit + " | del(.taskDefinitionArn, .revision, .status, "
        + ".requiresAttributes, .compatibilities, .registeredAt, .registeredBy)' > taskdef.json"
        + " && aws ecs register-task-definition" + region + " --cli-input-json file://taskdef.json"
        + " && aws ecs update-service" + region + " --cluster " + service.clusterName() + " --service "
        + service.serviceName() + " --task-definition " + td.family();
  }

  /** A jq filter replacing one container's image. */
  static String setImage(String containerName, String image) {
    return ".containerDefinitions |= map(if .name == \"" + containerName + "\" then .image = \"" + image
        + "\" else . end)";
  }
}
