package dev.pullpath.rules;

import static dev.pullpath.check.ShellQuote.quote;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The CLI pipeline that changes a task definition and rolls the service onto it: ECS has no "edit", so
 * the fix is describe, rewrite with jq, register a new revision, update the service.
 *
 * <p>It starts from the revision the service runs when the command is pasted (read with
 * {@code describe-services}), never from the family: a bare family resolves to the latest ACTIVE revision,
 * which may be someone else's canary that this service does not run. Reading the service's revision at
 * paste time is also what makes fixes compose: each fix edits the revision the previous fix rolled the
 * service onto, so a second pasted fix keeps the first one's change. Each rule puts every change it wants
 * for the task definition into one command, so one paste per rule is enough.
 *
 * <p>Values reach jq only as {@code --arg} strings, never spliced into the jq program, and the service
 * is updated to the exact ARN the registration returned.
 */
final class TaskDefinitionEdit {
  private TaskDefinitionEdit() {}

  /** One change to the task definition. */
  sealed interface Change permits SetImage, SetExecutionRole {}

  /** Replace the image of the container named {@code containerName}. */
  record SetImage(String containerName, String image) implements Change {}

  /** Set the task execution role. */
  record SetExecutionRole(String roleArn) implements Change {}

  static String command(AccountSnapshot snapshot, EcsService service, Change change) {
    return command(snapshot, service, List.of(change));
  }

  /** One command applying all {@code changes} (duplicates dropped, order kept). */
  static String command(AccountSnapshot snapshot, EcsService service, List<? extends Change> changes) {
    String region = " --region " + quote(snapshot.region());
    String cluster = quote(service.clusterName());
    List<String> args = new ArrayList<>();
    List<String> filters = new ArrayList<>();
    int n = 0;
    for (Change change : new LinkedHashSet<>(changes)) {
      n++;
      if (change instanceof SetImage image) {
        args.add("--arg container" + n + " " + quote(image.containerName()));
        args.add("--arg image" + n + " " + quote(image.image()));
        filters.add("(.containerDefinitions[] | select(.name == $container" + n + ") | .image) = $image" + n);
      } else if (change instanceof SetExecutionRole role) {
        args.add("--arg role" + n + " " + quote(role.roleArn()));
        filters.add(".executionRoleArn = $role" + n);
      }
    }
    filters.add("del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, "
        + ".registeredAt, .registeredBy, .deregisteredAt)");
    return "TASK_DEFINITION=$(aws ecs describe-services" + region + " --cluster " + cluster + " --services "
        + quote(service.serviceName()) + " --query 'services[0].taskDefinition' --output text)"
        + " && aws ecs describe-task-definition" + region + " --task-definition \"$TASK_DEFINITION\""
        + " --query taskDefinition --output json | jq " + String.join(" ", args) + " "
        + quote(String.join(" | ", filters)) + " > taskdef.json"
        + " && NEW_TASK_DEFINITION=$(aws ecs register-task-definition" + region
        + " --cli-input-json file://taskdef.json --query taskDefinition.taskDefinitionArn --output text)"
        + " && aws ecs update-service" + region + " --cluster " + cluster + " --service "
        + quote(service.serviceName()) + " --task-definition \"$NEW_TASK_DEFINITION\"";
  }
}
