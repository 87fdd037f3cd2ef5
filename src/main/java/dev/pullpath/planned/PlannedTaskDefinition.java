package dev.pullpath.planned;

import dev.pullpath.check.SourcePosition;
import dev.pullpath.snapshot.ContainerDefinition;
import java.util.List;
import java.util.Optional;

/**
 * A task definition read from a file, before it is registered: no ARN or revision of its own yet.
 *
 * @param file the file as reports show it
 * @param pointerPrefix where the task definition sits in the file: {@code ""}, or {@code /taskDefinition}
 *     in {@code describe-task-definition} output
 * @param accountHint the account an ARN in the file names (execution role, task role, old task definition
 *     ARN), {@code null} if none does
 * @param regionHint the region the file names (old ARN, {@code awslogs-region}), {@code null} if none does
 * @param ignoredFields read-only fields of {@code describe-task-definition} output that were skipped
 */
public record PlannedTaskDefinition(
    String file,
    String pointerPrefix,
    String family,
    String executionRoleArn,
    List<ContainerDefinition> containers,
    String accountHint,
    String regionHint,
    List<String> ignoredFields,
    JsonPositions positions) {

  public PlannedTaskDefinition {
    containers = List.copyOf(containers);
    ignoredFields = List.copyOf(ignoredFields);
  }

  /**
   * Where the file spells the value at {@code pointer} (relative to the task definition); the task
   * definition itself when the value is not in the file (e.g. an execution role that is missing).
   */
  public SourcePosition positionOf(String pointer) {
    return Optional.ofNullable(pointer == null || pointer.isEmpty() ? null : positions.at(pointerPrefix + pointer))
        .or(() -> Optional.ofNullable(positions.at(pointerPrefix + "/family")))
        .orElseGet(() -> positions.at(pointerPrefix));
  }

  /** The one note about skipped read-only fields, {@code null} when none were there. */
  public String ignoredFieldsNote() {
    return ignoredFields.isEmpty() ? null : file + ": ignored the read-only fields " + String.join(", ", ignoredFields)
        + " (describe-task-definition output); the task definition is checked as it would be registered";
  }
}
