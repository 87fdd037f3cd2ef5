package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A task definition revision.
 *
 * @param executionRoleArn the role the ECS agent uses to pull images and write logs; {@code null} if none
 */
public record TaskDefinition(
    @JsonProperty(required = true) String taskDefinitionArn,
    @JsonProperty(required = true) String family,
    int revision,
    String executionRoleArn,
    List<ContainerDefinition> containers) {

  public TaskDefinition {
    Validate.text(taskDefinitionArn, "taskDefinitionArn");
    Validate.text(family, "family");
    containers = containers == null ? List.of() : List.copyOf(containers);
  }

  /** Whether any container sends its output to CloudWatch Logs through the awslogs driver. */
  public boolean usesAwsLogs() {
    return containers.stream().anyMatch(ContainerDefinition::usesAwsLogs);
  }

  /** {@code family:revision}, as the console shows it. */
  public String displayName() {
    return family + ":" + revision;
  }
}
